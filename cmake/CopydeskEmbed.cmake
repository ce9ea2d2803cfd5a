# copydesk_embed(target SYMBOL sym FILE path): compiles a data file (a lexicon, an agency table) into the
# binary as `std::string_view copydesk::embedded::sym()`. Stages keep their tables as plain data files
# beside their code and still do no I/O at run time. Declare the accessor where it is used:
#   namespace copydesk::embedded { std::string_view sym(); }
function(copydesk_embed target)
  cmake_parse_arguments(ARG "" "SYMBOL;FILE" "" ${ARGN})
  get_filename_component(abs ${ARG_FILE} ABSOLUTE)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${abs})
  file(READ ${abs} hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded/${ARG_SYMBOL}.cc)
  file(WRITE ${out}.tmp
       "// Generated from ${ARG_FILE} by copydesk_embed; do not edit.\n"
       "#include <string_view>\n"
       "namespace copydesk::embedded {\n"
       "namespace { constexpr char kData[] = {${bytes} '\\0'}; }\n"
       "std::string_view ${ARG_SYMBOL}() { return std::string_view(kData, sizeof(kData) - 1); }\n"
       "}  // namespace copydesk::embedded\n")
  file(COPY_FILE ${out}.tmp ${out} ONLY_IF_DIFFERENT)
  target_sources(${target} PRIVATE ${out})
endfunction()
