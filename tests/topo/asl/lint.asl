/*
 * gicits topo test IORT: the lint codes.  Node offsets:
 *   0x030 ITS group, ITS ID 0 (with --madt of an empty MADT: E-STRUCT)
 *   0x048 SMMUv3 rev 1, index 1: SIDs 0-0xffff -> ITS identity; own MSI
 *         DeviceID 0x10 -> ITS: the clients' SID 0x10 gets DeviceID 0x10
 *         too (E-IOMMU-SELF)
 *   0x0b4 root complex, segment 0: [0, 0xff] -> SMMUv3; [0x80, 0x17f] ->
 *         ITS at 0x1000 (E-CONFLICT on 0x80-0xff; Linux keeps the first);
 *         [0x87030000, +0xff] -> ITS (W-RANGE: not a RID); 0x180-0xffff
 *         unmapped (W-UNMAPPED)
 *   0x114 named component \_SB.NIC0: single -> ITS DeviceID 0x20, which RID
 *         0x20 also gets through the SMMU (E-COLLIDE)
 *   0x151 root complex, segment 1: a null output reference (E-STRUCT;
 *         the CLI exits with status 2)
 *   0x189 PMCG with an overflow GSIV and a single mapping (E-STRUCT: single
 *         not allowed there; Linux skips it)
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
[0004]                   Output Reference : 00000030
[0004]              Flags (decoded below) : 00000000
                           Single Mapping : 0

[0004]                         Input base : 00000000
[0004]                           ID Count : 00000000
[0004]                        Output Base : 00000010
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
[0004]                           ID Count : 000000FF
[0004]                        Output Base : 00000000
[0004]                   Output Reference : 00000048
[0004]              Flags (decoded below) : 00000000
                           Single Mapping : 0

[0004]                         Input base : 00000080
[0004]                           ID Count : 000000FF
[0004]                        Output Base : 00001000
[0004]                   Output Reference : 00000030
[0004]              Flags (decoded below) : 00000000
                           Single Mapping : 0

[0004]                         Input base : 87030000
[0004]                           ID Count : 000000FF
[0004]                        Output Base : 00005000
[0004]                   Output Reference : 00000030
[0004]              Flags (decoded below) : 00000000
                           Single Mapping : 0

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
[0010]                        Device Name : "\_SB.NIC0"
[0002]                            Padding : 00 00

[0004]                         Input base : 00000000
[0004]                           ID Count : 00000000
[0004]                        Output Base : 00000020
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
[0004]                 PCI Segment Number : 00000001
[0001]                  Memory Size Limit : 00
[0003]                           Reserved : 000000

[0004]                         Input base : 00000000
[0004]                           ID Count : 0000FFFF
[0004]                        Output Base : 00000000
[0004]                   Output Reference : 00000000
[0004]              Flags (decoded below) : 00000000
                           Single Mapping : 0

[0001]                               Type : 05
[0002]                             Length : 0000
[0001]                           Revision : 01
[0004]                           Reserved : 00000000
[0004]                      Mapping Count : 00000000
[0004]                     Mapping Offset : 00000000
[0008]                Page 0 Base Address : 0000000000000000
[0004]            Overflow Interrupt GSIV : 0000002A
[0004]                     Node Reference : 00000048
[0008]                Page 1 Base Address : 0000000000000000

[0004]                         Input base : 00000000
[0004]                           ID Count : 00000000
[0004]                        Output Base : 00000040
[0004]                   Output Reference : 00000030
[0004]              Flags (decoded below) : 00000001
                           Single Mapping : 1
