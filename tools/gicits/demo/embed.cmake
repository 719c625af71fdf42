# Writes a C source defining a byte array with the contents of a file:
#   cmake -DIN=file.dtb -DOUT=file.c -DNAME=symbol -P embed.cmake
# defines "const unsigned char NAME[]" and "const size_t NAME_len".
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n\t" bytes "${bytes}")
file(WRITE ${OUT} "/* Generated from ${IN} by embed.cmake: do not edit. */\n"
     "#include <stddef.h>\n"
     "extern const unsigned char ${NAME}[];\n"
     "extern const size_t ${NAME}_len;\n"
     "const unsigned char ${NAME}[] = {\n\t${bytes}\n};\n"
     "const size_t ${NAME}_len = ${len};\n")
