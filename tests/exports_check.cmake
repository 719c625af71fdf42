# libgicits.so exports exactly the public API: every function a public header
# declares GICITS_API, and nothing else (internal functions stay hidden).
# Besides them nm lists only the version node (gicits_0, an absolute symbol):
# every name nm lists starts with gicits_.
#   cmake -DNM=nm -DLIB=libgicits.so -DINCLUDE=include/gicits -P exports_check.cmake
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND ${NM} -D --defined-only ${LIB}
                OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -D --defined-only ${LIB} failed")
endif()
string(REGEX MATCHALL "[^\n]+" lines "${out}")
set(exported "")
set(bad "")
foreach(l ${lines})
  # "ADDRESS TYPE NAME[@@VERSION]"
  if(NOT l MATCHES "^[0-9a-fA-F]* *([A-Za-z]) ([^@ ]+)(@.*)?$")
    list(APPEND bad "unparsed: ${l}")
    continue()
  endif()
  set(type ${CMAKE_MATCH_1})
  set(name ${CMAKE_MATCH_2})
  if(type STREQUAL "A" AND name MATCHES "^gicits_[0-9]+$")
    continue()
  endif()
  if(NOT name MATCHES "^gicits_" OR NOT type STREQUAL "T")
    list(APPEND bad "${type} ${name}")
  endif()
  list(APPEND exported ${name})
endforeach()

file(GLOB headers ${INCLUDE}/*.h ${INCLUDE}/*.h.in)
set(declared "")
foreach(h ${headers})
  file(READ ${h} text)
  string(REGEX MATCHALL "GICITS_API[^;(]*[\n\t *](gicits_[A-Za-z0-9_]+) *\\(" decls "${text}")
  foreach(d ${decls})
    string(REGEX REPLACE ".*[\n\t *](gicits_[A-Za-z0-9_]+) *\\($" "\\1" name "${d}")
    list(APPEND declared ${name})
  endforeach()
endforeach()

set(missing ${declared})
list(REMOVE_ITEM missing ${exported})
set(extra ${exported})
list(REMOVE_ITEM extra ${declared})
list(LENGTH exported n)
list(LENGTH declared nd)
if(bad OR missing OR extra OR n EQUAL 0)
  list(JOIN bad "\n  " bad)
  message(FATAL_ERROR "${LIB}: ${n} exported, ${nd} declared GICITS_API\n"
          "not a public function:\n  ${bad}\n"
          "declared but not exported: ${missing}\n"
          "exported but not declared GICITS_API: ${extra}")
endif()
message(STATUS "${LIB}: exactly the ${n} GICITS_API functions")
