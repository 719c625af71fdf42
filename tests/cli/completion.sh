#!/bin/bash
# Checks tools/completion/gicits.bash ($1): bash syntax, then what it
# completes, with and (when installed) without the bash-completion package.
set -u
script=$1
fails=0

bash -n "$script" || { echo "FAIL: bash -n $script"; exit 1; }

# complete LINE: the completions of LINE (the cursor at its end; a trailing
# space starts a new, empty word), sorted, on one line.
complete_line()
{
	local line=$1 words=$1
	# As readline does with COMP_WORDBREAKS (which holds '='), unless the
	# bash-completion package re-joins the words itself.
	[[ $split_eq == 1 ]] && words=${line//=/ = }
	read -r -a COMP_WORDS <<<"$words"
	[[ $line == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$line
	COMP_POINT=${#line}
	COMPREPLY=()
	_gicits gicits "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	[[ ${#COMPREPLY[@]} -eq 0 ]] && return
	printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}

check()
{
	local got
	got=$(complete_line "$1")
	if [[ $got != "$2" ]]; then
		echo "FAIL ($3): '$1' completes to '$got', want '$2'"
		fails=$((fails + 1))
	fi
}

run_checks()
{
	check "gicits " "bench demo replay route topo " "$1"
	check "gicits route x.dtb --format " "dot json text " "$1"
	check "gicits route --n" "--node " "$1"
	check "gicits re" "replay " "$1"
	check "gicits --" "--help --version " "$1"
	check "gicits demo --" "--dot --format --help --story --version " "$1"
	check "gicits demo --story " "all fabric its vm " "$1"
	check "gicits demo --format " "json text " "$1"
	check "gicits replay --f" "--format " "$1"
	check "gicits replay --format " "json text " "$1"
	check "gicits replay --format j" "json " "$1"
	check "gicits replay --sink " "direct forward " "$1"
	check "gicits replay --s" "--sink " "$1"
	check "gicits topo x.dtb --format " "dot json text " "$1"
	check "gicits topo --l" "--lint " "$1"
	check "gicits bench --lpi-cache " "full hpp " "$1"
	check "gicits bench --t" "--threads --time " "$1"
	check "gicits topo --rid " "" "$1"
	check "gicits replay --format=j" "json " "$1"
	check "gicits replay --trace --format=" "json text " "$1"
}

# shellcheck source=/dev/null
source "$script"
split_eq=0
run_checks "plain bash"
split_eq=1
run_checks "plain bash, '=' a word"

bc=/usr/share/bash-completion/bash_completion
if [[ -r $bc ]]; then
	# shellcheck source=/dev/null
	source "$bc" 2>/dev/null
	source "$script"
	if declare -F _init_completion >/dev/null; then
		split_eq=0
		run_checks "with bash-completion"
		split_eq=1
		run_checks "with bash-completion, '=' a word"
		echo "checked with and without the bash-completion package"
	fi
fi

[[ $fails -eq 0 ]] || exit 1
echo "completion: all checks passed"
