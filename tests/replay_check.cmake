# Runs `gicits replay --expect EXPECTED SCENARIO`: exit status 0 means the
# run succeeded and printed exactly EXPECTED (1: it differs, 2: rejected).
# Its standard output is compared here as well, and a difference is shown
# as a unified diff.
execute_process(COMMAND ${GICITS} replay --expect ${EXPECTED} ${SCENARIO}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
file(READ ${EXPECTED} want)
if(NOT out STREQUAL want)
  file(WRITE ${GOT} "${out}")
  execute_process(COMMAND diff -u ${EXPECTED} ${GOT} OUTPUT_VARIABLE d)
  file(REMOVE ${GOT})
  message(FATAL_ERROR "output differs from ${EXPECTED} (exit ${rc}):\n${err}\n${d}")
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gicits replay --expect ${EXPECTED} ${SCENARIO} exited ${rc}\n${err}")
endif()
