# Smoke test of `gicits bench --quick`: every stdout line is a JSON object
# with the keys its kind needs, and every required bench name is present.
# Never a timing assertion.
#   cmake -DGICITS=path/to/gicits -P check_bench.cmake
cmake_minimum_required(VERSION 3.25)

execute_process(COMMAND ${GICITS} bench --quick
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gicits bench --quick exited with ${rc}\n${err}")
endif()

set(required
  translate.hot.fast translate.hot.reference translate.cold.fast
  translate.hot.vlpi translate.doorbell
  smmu.msi.hit smmu.msi.walk
  translate.cold.burst calibration.cold calibration.cold.dependent
  translate.zipf.fast
  inject.threads1 inject.threads2 inject.same_target.threads2
  inject.under_commands
  cmdq.mix cmdq.mapd cmdq.mapd_unmap.batched cmdq.mapd_unmap.itt32.mapped0
  cmdq.mapd_unmap.itt65536.mapped1 cmdq.mapd_unmap.itt65536.mapped4096
  cmdq.invall.pending0 cmdq.invall.pending4096
  cmdq.movall.pending0 cmdq.movall.pending4096
  ack.drain.pending1024 ack.drain.lpi_cache_full.pending1024
  ack.idspace.full.bits16 ack.idspace.full.bits32 ack.idspace.hpp.bits32
  lpi_stress.v1d1e1 lpi_stress.v16d16e16 lpi_stress.v32d32e1
  latency.hot memory.per_lpi memory.idle_redistributor)

string(REPLACE "\n" ";" lines "${out}")
set(seen "")
set(n 0)
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  math(EXPR n "${n} + 1")
  string(JSON name ERROR_VARIABLE e GET "${line}" bench)
  if(e)
    message(FATAL_ERROR "not a JSON object with \"bench\": ${line}\n${e}")
  endif()
  string(JSON ptype ERROR_VARIABLE e TYPE "${line}" params)
  if(e OR NOT ptype STREQUAL "OBJECT")
    message(FATAL_ERROR "${name}: \"params\" is not an object: ${line}")
  endif()
  if(name MATCHES "^memory\\.")
    set(keys bytes)
    if(name STREQUAL "memory.per_lpi")
      list(APPEND keys bytes_per_lpi)
    endif()
  else()
    set(keys ops ns_per_op mops)
  endif()
  if(name STREQUAL "latency.hot")
    list(APPEND keys p50_ns p99_ns p99.9_ns)
  endif()
  foreach(k IN LISTS keys)
    string(JSON t ERROR_VARIABLE e TYPE "${line}" ${k})
    if(e OR NOT t STREQUAL "NUMBER")
      message(FATAL_ERROR "${name}: \"${k}\" missing or not a number: ${line}")
    endif()
  endforeach()
  list(APPEND seen ${name})
endforeach()

foreach(r IN LISTS required)
  list(FIND seen ${r} i)
  if(i EQUAL -1)
    message(FATAL_ERROR "bench ${r} missing from the output")
  endif()
endforeach()
message(STATUS "${n} bench lines, all well-formed, all required names present")
