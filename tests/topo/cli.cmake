# gicits topo through its command line: formats and exit statuses.
set(fails 0)
function(run name expect_rc)
  execute_process(COMMAND ${GICITS} topo ${ARGN}
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  set(out "${out}" PARENT_SCOPE)
  set(err "${err}" PARENT_SCOPE)
  if(NOT rc STREQUAL expect_rc)
    message("FAIL ${name}: exit ${rc}, expected ${expect_rc}\n${out}\n${err}")
    math(EXPR f "${fails} + 1")
    set(fails ${f} PARENT_SCOPE)
  endif()
endfunction()
function(expect name text regex)
  if(NOT text MATCHES "${regex}")
    message("FAIL ${name}: output does not match ${regex}:\n${text}")
    math(EXPR f "${fails} + 1")
    set(fails ${f} PARENT_SCOPE)
  endif()
endfunction()

# RID 0x100 of basic.aml: the off-by-one quirk sends it to ITS 1 directly.
run(rid-json 0 ${BLOBS}/basic.aml --rid 0x100 --format json)
expect(rid-json "${out}" "^{\"kind\":\"resolve\",\"segment\":0,\"rid\":256,\"stream\":null,\"msi\":{\"controller\":\"iort@0x48\",\"device_id\":65792,[^\n]*\"status\":\"ok\"[^\n]*\"quirks\":\\[\"iort-last-id\"\\]")
# bus:dev.fn notation, text format, through the SMMU
run(rid-text 0 ${BLOBS}/basic.aml --rid 00:1f.7)
expect(rid-text "${out}" "resolve 0000:00:1f.7 stream=iort@0x60:0xff msi=iort@0x48:0xff \\[ok\\]")
# no root complex for segment 9
run(rid-none 0 ${BLOBS}/basic.aml --segment 9 --rid 0 --format json)
expect(rid-none "${out}" "\"stream\":null,\"msi\":null,\"status\":\"not-described\"")

# every lint code from the DT test platform; errors -> exit 1
run(lint-dt 1 ${BLOBS}/dt-basic.dtb --lint --devbits 16 --format json)
foreach(code E-COLLIDE E-IOMMU-SELF E-CONFLICT E-STRUCT W-ALIAS W-UNMAPPED W-RANGE I-FIXUP)
  expect(lint-dt-${code} "${out}" "{\"kind\":\"finding\",\"severity\":\"[a-z]+\",\"code\":\"${code}\",\"message\":\"")
endforeach()
run(lint-iort 0 ${BLOBS}/basic.aml --lint --format json)
expect(lint-iort "${out}" "\"severity\":\"warning\",\"code\":\"W-OFF-BY-ONE\"")

# --all: segment 6 has bus-range 0-0: 256 RIDs; then nothing else
run(all 0 ${BLOBS}/dt-basic.dtb --all --segment 6 --format json)
string(REGEX MATCHALL "\"kind\":\"resolve\"" lines "${out}")
list(LENGTH lines nlines)
if(NOT nlines EQUAL 256)
  message("FAIL all: ${nlines} resolutions, expected 256")
  math(EXPR fails "${fails} + 1")
endif()
expect(all-15 "${out}" "\"rid\":15,\"stream\":{\"iommu\":\"/iommu@2b400000\",\"id\":12303},\"msi\":{\"controller\":\"[^\"]*msi-controller@2f040000\",\"device_id\":196623,[^\n]*\"status\":\"ok\"")
expect(all-16 "${out}" "\"rid\":16,\"stream\":null,\"msi\":null,\"status\":\"unmapped\"")
# --all without --segment also lists the own IDs (mbigen child, SMMU own MSI)
run(all-own 1 ${BLOBS}/dt-basic.dtb --all --lint)
expect(all-own "${out}" "own wire-bridge /mbigen@60080000/intc_a#0 events=8 stream=- msi=/interrupt-controller@2f000000/msi-controller@2f040000:0x40000 \\[ok\\] quirk=dt-its-no-msi-cells")
expect(all-own-smmu "${out}" "own smmu-v3 /iommu@2b400000#0 stream=- msi=/interrupt-controller@2f000000/msi-controller@2f020000:0x10000 \\[ok\\]")

# Graphviz
run(dot 0 ${BLOBS}/basic.aml --format dot)
expect(dot "${out}" "^digraph gicits {.*n3 -> n2 \\[label=\"RID 0x0-0x100\\\\n-> SID 0x0-0x100\"\\];.*}\n$")

# bad input or usage: exit 2 with a message, never a crash
run(dangling 2 ${BLOBS}/dt-broken.dtb --all --lint)
expect(dangling "${err}" "phandle 0x999 not found")
run(null-ref 2 ${BLOBS}/lint.aml --lint)
expect(null-ref "${err}" "output reference 0x0 is null")
run(not-a-blob 2 ${SRC}/CMakeLists.txt)
expect(not-a-blob "${err}" "neither a flattened device tree nor an IORT table")
run(missing 2 ${OUT}/no-such-file.dtb)
run(bad-option 2 ${BLOBS}/basic.aml --bogus)
expect(bad-option "${err}" "^gicits topo: unknown option '--bogus'")
run(bad-format 2 ${BLOBS}/basic.aml --format svg)
expect(bad-format "${err}" "bad value 'svg' for --format")
run(rid-and-all 2 ${BLOBS}/basic.aml --rid 0 --all)
# --name=value is --name value
run(format-equals 0 ${BLOBS}/basic.aml --rid=00:1f.7 --format=json)
expect(format-equals "${out}" "^{\"kind\":\"resolve\",\"segment\":0,\"rid\":255,")
run(bad-rid 2 ${BLOBS}/basic.aml --rid 1:2:3)
run(bad-madt 2 ${BLOBS}/basic.aml --madt ${BLOBS}/basic.aml)
expect(bad-madt "${err}" "not a MADT")

if(fails GREATER 0)
  message(FATAL_ERROR "${fails} CLI checks failed")
endif()
