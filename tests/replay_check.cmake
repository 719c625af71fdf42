# Runs `gicits replay SCENARIO` and compares its standard output with EXPECTED.
execute_process(COMMAND ${GICITS} replay ${SCENARIO}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
file(READ ${EXPECTED} want)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gicits replay ${SCENARIO} exited ${rc}\n${err}\n${out}")
endif()
if(NOT out STREQUAL want)
  file(WRITE ${GOT} "${out}")
  execute_process(COMMAND diff -u ${EXPECTED} ${GOT} OUTPUT_VARIABLE d)
  file(REMOVE ${GOT})
  message(FATAL_ERROR "output differs from ${EXPECTED}:\n${d}")
endif()
