/*
 * gicits topo test IORT: the resolution rules.  Node offsets (iasl computes
 * lengths, mapping counts and offsets; output references are by hand):
 *   0x030 ITS group, ITS ID 0        0x048 ITS group, ITS ID 1
 *   0x060 SMMUv3 rev 1: SIDs 0-0xffff -> ITS 1 identity; DeviceID mapping
 *         index 1: its own MSIs, single, DeviceID 0 -> ITS 0
 *   0x0cc root complex, segment 0: RIDs [0, 0x100] -> SMMUv3 (ID count 0x100:
 *         one too many, the QEMU pattern), [0x100, 0xffff] -> ITS 1 direct at 0x10100
 *   0x118 PMCG, overflow GSIV 0: mapping 0 is its own MSI, DeviceID 0x30000
 *         at ITS 0
 *   0x154 named component \_SB.ETH0: single mapping -> SMMUv3 StreamID 0x2000
 */
[0004]                          Signature : "IORT"
[0004]                       Table Length : 00000000
[0001]                           Revision : 00
[0001]                           Checksum : 00
[0006]                             Oem ID : "GICITS"
[0008]                       Oem Table ID : "TOPOTEST"
[0004]                       Oem Revision : 00000001
[0004]                    Asl Compiler ID : "INTL"
[0004]              Asl Compiler Revision : 20200925

[0004]                         Node Count : 00000006
[0004]                        Node Offset : 00000030
[0004]                           Reserved : 00000000

[0001]                               Type : 00
[0002]                             Length : 0000
[0001]                           Revision : 00
[0004]                           Reserved : 00000000
[0004]                      Mapping Count : 00000000
[0004]                     Mapping Offset : 00000000
[0004]                           ItsCount : 00000001
[0004]                        Identifiers : 00000000

[0001]                               Type : 00
[0002]                             Length : 0000
[0001]                           Revision : 00
[0004]                           Reserved : 00000000
[0004]                      Mapping Count : 00000000
[0004]                     Mapping Offset : 00000000
[0004]                           ItsCount : 00000001
[0004]                        Identifiers : 00000001

[0001]                               Type : 04
[0002]                             Length : 0000
[0001]                           Revision : 01
[0004]                           Reserved : 00000000
[0004]                      Mapping Count : 00000000
[0004]                     Mapping Offset : 00000000
[0008]                       Base Address : 0000000000000000
[0004]              Flags (decoded below) : 00000000
                          COHACC Override : 0
                            HTTU Override : 0
                   Proximity Domain Valid : 0
[0004]                           Reserved : 00000000
[0008]                      VATOS Address : 0000000000000000
[0004]                              Model : 00000000
[0004]                         Event GSIV : 00000000
[0004]                           PRI GSIV : 00000000
[0004]                          GERR GSIV : 00000000
[0004]                          Sync GSIV : 00000000
[0004]                   Proximity Domain : 00000000
[0004]            Device ID Mapping Index : 00000001

[0004]                         Input base : 00000000
[0004]                           ID Count : 0000FFFF
[0004]                        Output Base : 00000000
[0004]                   Output Reference : 00000048
[0004]              Flags (decoded below) : 00000000
                           Single Mapping : 0

[0004]                         Input base : 00000000
[0004]                           ID Count : 00000000
[0004]                        Output Base : 00000000
[0004]                   Output Reference : 00000030
[0004]              Flags (decoded below) : 00000001
                           Single Mapping : 1

[0001]                               Type : 02
[0002]                             Length : 0000
[0001]                           Revision : 01
[0004]                           Reserved : 00000000
[0004]                      Mapping Count : 00000000
[0004]                     Mapping Offset : 00000000
[0008]                  Memory Properties : [IORT Memory Access Properties]
[0004]                    Cache Coherency : 00000000
[0001]              Hints (decoded below) : 00
                                Transient : 0
                           Write Allocate : 0
                            Read Allocate : 0
                                 Override : 0
[0002]                           Reserved : 0000
[0001]       Memory Flags (decoded below) : 00
                                Coherency : 0
                         Device Attribute : 0
[0004]                      ATS Attribute : 00000000
[0004]                 PCI Segment Number : 00000000
[0001]                  Memory Size Limit : 00
[0003]                           Reserved : 000000

[0004]                         Input base : 00000000
[0004]                           ID Count : 00000100
[0004]                        Output Base : 00000000
[0004]                   Output Reference : 00000060
[0004]              Flags (decoded below) : 00000000
                           Single Mapping : 0

[0004]                         Input base : 00000100
[0004]                           ID Count : 0000FEFF
[0004]                        Output Base : 00010100
[0004]                   Output Reference : 00000048
[0004]              Flags (decoded below) : 00000000
                           Single Mapping : 0

[0001]                               Type : 05
[0002]                             Length : 0000
[0001]                           Revision : 01
[0004]                           Reserved : 00000000
[0004]                      Mapping Count : 00000000
[0004]                     Mapping Offset : 00000000
[0008]                Page 0 Base Address : 0000000000000000
[0004]            Overflow Interrupt GSIV : 00000000
[0004]                     Node Reference : 00000060
[0008]                Page 1 Base Address : 0000000000000000

[0004]                         Input base : 00000000
[0004]                           ID Count : 00000000
[0004]                        Output Base : 00030000
[0004]                   Output Reference : 00000030
[0004]              Flags (decoded below) : 00000001
                           Single Mapping : 1

[0001]                               Type : 01
[0002]                             Length : 0000
[0001]                           Revision : 00
[0004]                           Reserved : 00000000
[0004]                      Mapping Count : 00000000
[0004]                     Mapping Offset : 00000000
[0004]                         Node Flags : 00000000
[0008]                  Memory Properties : [IORT Memory Access Properties]
[0004]                    Cache Coherency : 00000000
[0001]              Hints (decoded below) : 00
                                Transient : 0
                           Write Allocate : 0
                            Read Allocate : 0
                                 Override : 0
[0002]                           Reserved : 0000
[0001]       Memory Flags (decoded below) : 00
                                Coherency : 0
                         Device Attribute : 0
[0001]                  Memory Size Limit : 00
[0010]                        Device Name : "\_SB.ETH0"
[0002]                            Padding : 00 00

[0004]                         Input base : 00000000
[0004]                           ID Count : 00000000
[0004]                        Output Base : 00002000
[0004]                   Output Reference : 00000060
[0004]              Flags (decoded below) : 00000001
                           Single Mapping : 1
