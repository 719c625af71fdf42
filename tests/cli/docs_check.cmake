# gicits(1) (MAN) and the bash completion (COMPLETION) against the tool:
# every option a command's --help lists is in both; the manual page renders
# without groff warnings and names the project VERSION; `cmake --install`
# puts both where gicits(1) says.
set(fails 0)
file(READ ${MAN} man)
file(READ ${COMPLETION} completion)
foreach(sub demo replay topo route bench)
  execute_process(COMMAND ${GICITS} ${sub} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  string(REGEX MATCHALL "--[a-z][a-z-]*" opts "${help}")
  list(APPEND opts --help --version)
  list(REMOVE_DUPLICATES opts)
  foreach(o ${opts})
    string(REPLACE "-" "\\-" man_o "${o}")
    string(FIND "${man}" "${man_o}" at)
    if(at EQUAL -1)
      message("FAIL: gicits ${sub} ${o} is not in ${MAN}")
      math(EXPR fails "${fails} + 1")
    endif()
    string(REGEX MATCH "\n\t${sub}\\)\n\t\topts=\"([^\"]*)\"" line "${completion}")
    string(FIND " ${CMAKE_MATCH_1} " " ${o} " at)
    if(at EQUAL -1)
      message("FAIL: gicits ${sub} ${o} is not completed ('${CMAKE_MATCH_1}')")
      math(EXPR fails "${fails} + 1")
    endif()
  endforeach()
endforeach()

string(REGEX MATCH "\n\\.TH GICITS 1 [^\n]*\"gicits ([0-9.]+)\"" th "${man}")
if(NOT CMAKE_MATCH_1 STREQUAL VERSION)
  message("FAIL: ${MAN}: .TH names version '${CMAKE_MATCH_1}', the project is ${VERSION}")
  math(EXPR fails "${fails} + 1")
endif()

if(GROFF)
  execute_process(COMMAND ${GROFF} -man -ww -z ${MAN}
                  ERROR_VARIABLE warnings RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT warnings STREQUAL "")
    message("FAIL: groff -man -ww: ${rc}\n${warnings}")
    math(EXPR fails "${fails} + 1")
  endif()
endif()

file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}
                RESULT_VARIABLE rc OUTPUT_QUIET)
foreach(f ${MANDIR}/man1/gicits.1 ${DATADIR}/bash-completion/completions/gicits
          ${BINDIR}/gicits)
  if(NOT EXISTS ${WORK}/${f})
    message("FAIL: cmake --install (exit ${rc}) did not install ${f}")
    math(EXPR fails "${fails} + 1")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK})

if(fails GREATER 0)
  message(FATAL_ERROR "${fails} documentation checks failed")
endif()
