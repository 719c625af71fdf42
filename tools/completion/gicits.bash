# SPDX-License-Identifier: BSD-2-Clause
# bash completion for gicits(1): commands, options and option values.
# Installed as share/bash-completion/completions/gicits.

_gicits()
{
	local cur prev words cword split
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion -s || return
	else
		# Without the bash-completion package: COMP_WORDBREAKS splits
		# "--format=js" into "--format" "=" "js".
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
		if [[ $cur == = ]]; then
			cur=""
		elif [[ $prev == = && $cword -ge 2 ]]; then
			prev=${COMP_WORDS[COMP_CWORD - 2]}
		fi
	fi

	local commands="demo replay topo route bench"
	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		demo | replay | topo | route | bench)
			cmd=${words[i]}
			break
			;;
		esac
	done

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		fi
		return
	fi

	# --name=value: complete the value.
	if [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		cur=${cur#*=}
	fi

	local opts=""
	case $cmd in
	demo)
		opts="--story --format --dot --help --version"
		case $prev in
		--format)
			COMPREPLY=($(compgen -W "text json" -- "$cur"))
			return
			;;
		--story)
			COMPREPLY=($(compgen -W "its vm fabric all" -- "$cur"))
			return
			;;
		--dot)
			COMPREPLY=($(compgen -f -- "$cur"))
			return
			;;
		esac
		;;
	replay)
		opts="--format --expect --trace --sink --vm --help --version"
		case $prev in
		--format)
			COMPREPLY=($(compgen -W "text json" -- "$cur"))
			return
			;;
		--sink)
			COMPREPLY=($(compgen -W "direct forward" -- "$cur"))
			return
			;;
		--vm)
			COMPREPLY=($(compgen -W "emulated" -- "$cur"))
			return
			;;
		--expect)
			COMPREPLY=($(compgen -f -- "$cur"))
			return
			;;
		esac
		;;
	topo)
		opts="--madt --segment --rid --all --lint --devbits --format --help --version"
		case $prev in
		--format)
			COMPREPLY=($(compgen -W "text json dot" -- "$cur"))
			return
			;;
		--madt)
			COMPREPLY=($(compgen -f -- "$cur"))
			return
			;;
		--segment | --rid | --devbits)
			return
			;;
		esac
		;;
	route)
		opts="--madt --rid --segment --node --all --format --help --version"
		case $prev in
		--format)
			COMPREPLY=($(compgen -W "text json dot" -- "$cur"))
			return
			;;
		--madt)
			COMPREPLY=($(compgen -f -- "$cur"))
			return
			;;
		--segment | --rid | --node)
			return
			;;
		esac
		;;
	bench)
		opts="--quick --only --time --threads --lpi-cache --rounds --help --version"
		case $prev in
		--lpi-cache)
			COMPREPLY=($(compgen -W "hpp full" -- "$cur"))
			return
			;;
		--only | --time | --threads | --rounds)
			return
			;;
		esac
		;;
	esac

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	elif [[ $cmd == replay || $cmd == topo || $cmd == route ]]; then
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -o filenames -F _gicits gicits
