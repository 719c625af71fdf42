# gicits replay: each malformed system-SMMU action is a parse error naming
# its line and rule (docs/scenario-language.md, "Programming a system
# SMMU"), exit 2, nothing run.
#   cmake -DGICITS=gicits -DBLOBS=dir -DOUT=dir -P replay_bad.cmake
set(its0 "/interrupt-controller@2f000000/msi-controller@2f020000")
set(smmu "/iommu@2b400000")

function(bad line expect)
  file(WRITE ${OUT}/replay_bad.txt
       "CONFIG system=${BLOBS}/dt-basic.dtb\n${line}\n")
  execute_process(COMMAND ${GICITS} replay ${OUT}/replay_bad.txt
                  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 2 OR NOT err MATCHES "replay_bad.txt:2: ${expect}"
     OR NOT out STREQUAL "")
    message(FATAL_ERROR "'${line}': exit ${rc}, expected 2 and '${expect}'\n${out}${err}")
  endif()
endfunction()

bad("SYSSMMU its=${its0}" "missing parameter 'node'")
bad("SYSSMMU node=${smmu}" "missing parameter 'its'")
bad("SYSSMMU node=${smmu} its=${smmu}" "its=${smmu}: not an ITS")
bad("SYSSMMU node=${smmu} its=${its0} sid_bits=17" "'sid_bits=17': not a number in 0..16")
bad("SYSSMMU node=${smmu} its=${its0} sid_bits=0" "'sid_bits=0': not a number in 1..16")
bad("SYSSMMU node=/no/such its=${its0}" "node=/no/such: no such node in the system")
bad("SYSSMMU node=${smmu} its=${its0} colour=red" "SYSSMMU: unknown parameter")
bad("SYSDOMAIN node=${smmu}" "missing parameter 'domain'")
bad("SYSDOMAIN node=${smmu} domain=16" "'domain=16': not a number in 0..15")
bad("SYSIOMAP node=${smmu} domain=0 iova=0x1800 pa=0x1000" "'iova=0x1800': not 4 KiB aligned")
bad("SYSIOMAP node=${smmu} domain=0 iova=0x1000 pa=0x1001" "'pa=0x1001': not 4 KiB aligned")
bad("SYSIOMAP node=${smmu} domain=0 iova=0x1000" "missing parameter 'pa'")
bad("SYSIOMAP node=${smmu} domain=0 iova=0x1000 pa=0x1000 its=${its0}" "SYSIOMAP: give one of 'pa' and 'its'")
bad("SYSIOMAP node=${smmu} domain=0 iova=0x1000000000000 pa=0" "'iova=0x1000000000000': not a number")
bad("SYSATTACH node=${smmu} domain=0" "missing parameter 'sid'")
bad("SYSATTACH node=${smmu} domain=0 sid=1 asid=65536" "'asid=65536': not a number in 0..65535")
bad("SYSEVENTS node=${its0}" "node=${its0}: not an SMMUv3")
bad("SYSACK" "missing parameter 'cpu'")
bad("SYSACK cpu=64" "'cpu=64': not a number in 0..63")
