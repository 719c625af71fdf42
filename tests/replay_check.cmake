# Runs `gicits replay --expect EXPECTED SCENARIO`: exit status 0 means the
# run succeeded and printed exactly EXPECTED (1: it differs, 2: rejected).
# Its standard output is compared here as well, and a difference is shown
# as a unified diff.  With -DSINK=forward the ITS delivers through the
# forwarding LPI sink (`--sink forward`), and the output must not change.
# With -DVM=emulated the scenario runs as a VM's guest (`--vm emulated`).
set(sink_args "")
if(DEFINED SINK)
  set(sink_args --sink ${SINK})
endif()
if(DEFINED VM)
  list(APPEND sink_args --vm ${VM})
endif()
execute_process(COMMAND ${GICITS} replay ${sink_args} --expect ${EXPECTED} ${SCENARIO}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
file(READ ${EXPECTED} want)
if(NOT out STREQUAL want)
  file(WRITE ${GOT} "${out}")
  execute_process(COMMAND diff -u ${EXPECTED} ${GOT} OUTPUT_VARIABLE d)
  file(REMOVE ${GOT})
  message(FATAL_ERROR "output differs from ${EXPECTED} (exit ${rc}):\n${err}\n${d}")
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gicits replay ${sink_args} --expect ${EXPECTED} ${SCENARIO} exited ${rc}\n${err}")
endif()
