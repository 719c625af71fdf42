# No merge-conflict markers in the sources and documents: a merge once left
# them in docs/configuration.md, where nothing else would have noticed.
#   cmake -DROOT=path/to/repo -P no_conflict_markers.cmake
cmake_minimum_required(VERSION 3.25)

file(GLOB_RECURSE files LIST_DIRECTORIES false
     ${ROOT}/*.c ${ROOT}/*.h ${ROOT}/*.md ${ROOT}/*.txt ${ROOT}/*.cmake
     ${ROOT}/*.json ${ROOT}/*.map ${ROOT}/*.1 ${ROOT}/*.bash ${ROOT}/*.in
     ${ROOT}/scripts/* ${ROOT}/integrations/*)
set(bad "")
foreach(f IN LISTS files)
  if(f MATCHES "/build/|/\\.git/|/\\.cache/|/fuzz/corpus/")
    continue()
  endif()
  file(STRINGS ${f} hits REGEX "^(<<<<<<< |>>>>>>> |=======$)")
  if(hits)
    list(APPEND bad "${f}")
  endif()
endforeach()
if(bad)
  string(REPLACE ";" "\n  " bad "${bad}")
  message(FATAL_ERROR "merge-conflict markers in:\n  ${bad}")
endif()
list(LENGTH files n)
message(STATUS "${n} files, no conflict markers")
