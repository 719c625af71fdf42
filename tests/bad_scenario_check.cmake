# A malformed scenario is bad input: it must be rejected before anything
# runs with exit status 2 (as in every gicits sub-command), no output on
# standard output, and one message on standard error containing the text
# after "# expect: " on the scenario's first line.
file(STRINGS ${SCENARIO} first LIMIT_COUNT 1)
string(REGEX REPLACE "^# expect: " "" want "${first}")
execute_process(COMMAND ${GICITS} replay ${SCENARIO}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "exit status ${rc}, want 2\nstdout: ${out}\nstderr: ${err}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "something ran: stdout is '${out}'")
endif()
string(FIND "${err}" "${want}" pos)
if(pos EQUAL -1)
  message(FATAL_ERROR "stderr '${err}' does not contain '${want}'")
endif()
