# Installs the build into a scratch prefix and builds examples/embed.c
# against it with pkg-config, as an embedder would, then runs it.
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/prefix
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed")
endif()
set(ENV{PKG_CONFIG_PATH} ${WORK}/prefix/lib/pkgconfig)
execute_process(COMMAND pkg-config --cflags --libs gicits
                OUTPUT_VARIABLE flags RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config gicits failed")
endif()
separate_arguments(flags)
execute_process(COMMAND ${CC} -std=c11 -Wall -Werror ${SRC} ${flags} -o ${WORK}/embed
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building examples/embed.c against the install failed:\n${err}")
endif()
execute_process(COMMAND ${WORK}/embed OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "INTID 8200")
  message(FATAL_ERROR "embed example failed (${rc}): ${out}")
endif()
