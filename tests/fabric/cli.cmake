# gicits route on the topo test sources: each format, each requester
# option, and the exit statuses (docs/fabric.md).
#   cmake -DGICITS=gicits -DBLOBS=dir -DOUT=dir -P cli.cmake
set(dtb ${BLOBS}/dt-basic.dtb)
set(its0 "/interrupt-controller@2f000000/msi-controller@2f020000")

function(run expect_rc)
  execute_process(COMMAND ${GICITS} route ${ARGN} OUTPUT_VARIABLE out
                  ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "route ${ARGN}: exit ${rc}, expected ${expect_rc}\n${out}${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
endfunction()

# JSON: one line, the ITS as topo names it, the DeviceID, the hops in order.
run(0 ${dtb} --rid 01:04.3 --format json)
string(JSON its GET "${out}" its)
string(JSON devid GET "${out}" device_id)
string(JSON nhops LENGTH "${out}" hops)
string(JSON h1 GET "${out}" hops 1 hop)
string(JSON h2 GET "${out}" hops 2 outcome)
string(JSON h5 GET "${out}" hops 5 result)
if(NOT its STREQUAL its0 OR NOT devid EQUAL 291 OR NOT nhops EQUAL 6
   OR NOT h1 STREQUAL "stream" OR NOT h2 STREQUAL "bypass"
   OR NOT h5 STREQUAL "device_unmapped")
  message(FATAL_ERROR "route --rid 01:04.3 json: ${out}")
endif()

# Nothing arrives: "its":null.
run(0 ${dtb} --rid 0x1000 --format json)
string(JSON its TYPE "${out}" its)
string(JSON res GET "${out}" result)
if(NOT its STREQUAL "NULL" OR NOT res STREQUAL "no-msi")
  message(FATAL_ERROR "route --rid 0x1000 json: ${out}")
endif()

# A platform node: one line per own ID; a translator through its wire 0.
run(0 ${dtb} --node /mbigen@60080000/intc_a --format json)
string(JSON h0 GET "${out}" hops 0 hop)
string(JSON devid GET "${out}" device_id)
if(NOT h0 STREQUAL "wire" OR NOT devid EQUAL 262144)
  message(FATAL_ERROR "route --node intc_a json: ${out}")
endif()

# Text and dot.
run(0 ${dtb} --rid 0x800 --segment 0)
if(NOT out MATCHES "^route 0000:08:00.0 its=[^ ]*msi-controller@2f040000 device_id=0x8800 \\[dropped: device_unmapped\\]")
  message(FATAL_ERROR "route text: ${out}")
endif()
run(0 ${dtb} --all --format dot)
if(NOT out MATCHES "^digraph" OR NOT out MATCHES "writes\"")
  message(FATAL_ERROR "route dot: ${out}")
endif()

# Usage and input errors: exit 2 with a message.
run(2 ${dtb})
run(2 ${dtb} --rid 1 --all)
run(2 ${dtb} --node /nowhere)
run(2 ${dtb} --rid 1 --segment 99)
run(2 ${BLOBS}/basic.log --all)
if(NOT err MATCHES "gicits route: ")
  message(FATAL_ERROR "no message for a bad file: ${err}")
endif()
run(2 ${OUT}/does-not-exist.dtb --all)
run(0 ${dtb} --help)
if(NOT out MATCHES "usage: gicits route")
  message(FATAL_ERROR "route --help: ${out}")
endif()
# A broken topology (dangling references): routed, then exit 2 as topo.
run(2 ${BLOBS}/dt-broken.dtb --all --format json)
