# Builds examples/embed.c against an installed gicits, as an embedder would,
# then runs it (with no LD_LIBRARY_PATH: a shared link finds libgicits.so.0
# through its RUNPATH).
#   MODE=stage      install BUILD into WORK/prefix (the other modes' fixture)
#   MODE=pkgconfig  cc $(pkg-config --cflags gicits) -c embed.c;
#                   cc [-static] embed.o $(pkg-config [--static] --libs gicits)
#   MODE=cmake      examples/cmake/CMakeLists.txt: find_package(gicits)
#   LINK=shared     gicits::gicits / -lgicits, libgicits.so.0 is NEEDED
#   LINK=static     gicits::gicits_static / -static, no libgicits.so
# Other variables: BUILD WORK EXAMPLES CC LIBDIR VERSION READELF, and for
# MODE=cmake GENERATOR and MAKE_PROGRAM.
cmake_minimum_required(VERSION 3.25)
set(prefix ${WORK}/prefix)
if(MODE STREQUAL "stage")
  file(REMOVE_RECURSE ${WORK})
  execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${prefix}
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed:\n${err}")
  endif()
  return()
endif()

set(dir ${WORK}/${MODE}-${LINK})
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir})
if(MODE STREQUAL "pkgconfig")
  set(ENV{PKG_CONFIG_PATH} ${prefix}/${LIBDIR}/pkgconfig)
  if(LINK STREQUAL "static")
    set(pc_static --static)
  endif()
  execute_process(COMMAND pkg-config --cflags gicits OUTPUT_VARIABLE cflags
                  RESULT_VARIABLE rc1 OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND pkg-config ${pc_static} --libs gicits OUTPUT_VARIABLE libs
                  RESULT_VARIABLE rc2 OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND pkg-config --variable=libdir gicits OUTPUT_VARIABLE libdir
                  RESULT_VARIABLE rc3 OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT rc1 EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT rc3 EQUAL 0)
    message(FATAL_ERROR "pkg-config gicits failed")
  endif()
  separate_arguments(cflags)
  separate_arguments(libs)
  if(LINK STREQUAL "static")
    # pkg-config --static adds the archive's own dependencies (libfdt,
    # pthread); -static makes the linker take libgicits.a
    list(PREPEND libs -static)
  else()
    list(APPEND libs -Wl,-rpath,${libdir})
  endif()
  # Compile and link apart, as build systems do.  Warnings are errors when
  # compiling only: a static link re-optimises the archive's LTO code with
  # the link's flags.
  execute_process(COMMAND ${CC} -std=c11 -Wall -Wextra -Wpedantic -Werror ${cflags}
                          -c ${EXAMPLES}/embed.c -o ${dir}/embed.o
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(rc EQUAL 0)
    execute_process(COMMAND ${CC} ${dir}/embed.o ${libs} -o ${dir}/embed
                    RESULT_VARIABLE rc ERROR_VARIABLE err)
  endif()
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "building examples/embed.c (pkg-config, ${LINK}) failed:\n${err}")
  endif()
elseif(MODE STREQUAL "cmake")
  if(LINK STREQUAL "static")
    set(embed_static ON)
  else()
    set(embed_static OFF)
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -S ${EXAMPLES}/cmake -B ${dir}
                          -G ${GENERATOR} -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}
                          -DCMAKE_C_COMPILER=${CC} -DCMAKE_BUILD_TYPE=Release
                          -DCMAKE_PREFIX_PATH=${prefix} -DEMBED_STATIC=${embed_static}
                          -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "configuring examples/cmake failed:\n${out}\n${err}")
  endif()
  # the package just installed, not another one on the system
  if(NOT out MATCHES "gicits ${VERSION}: ${prefix}/")
    message(FATAL_ERROR "find_package(gicits) did not find ${prefix}:\n${out}")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} --build ${dir}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "building examples/cmake failed:\n${out}\n${err}")
  endif()
else()
  message(FATAL_ERROR "MODE=${MODE}?")
endif()

# Linked as asked?
execute_process(COMMAND ${READELF} -d ${dir}/embed OUTPUT_VARIABLE dyn RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${READELF} -d ${dir}/embed failed")
endif()
if(LINK STREQUAL "shared")
  if(NOT dyn MATCHES "NEEDED[^\n]*\\[libgicits\\.so\\.0\\]" OR
     NOT dyn MATCHES "R(UN)?PATH[^\n]*${prefix}/")
    message(FATAL_ERROR "embed does not load libgicits.so.0 from ${prefix}:\n${dyn}")
  endif()
elseif(dyn MATCHES "libgicits")
  message(FATAL_ERROR "the static embed needs a libgicits.so:\n${dyn}")
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=LD_LIBRARY_PATH ${dir}/embed
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT out MATCHES "gicits ${VERSION}\n" OR NOT out MATCHES "INTID 8200")
  message(FATAL_ERROR "embed (${MODE}, ${LINK}) failed (${rc}): ${out}${err}")
endif()
message(STATUS "${MODE}, ${LINK}: ${out}")
