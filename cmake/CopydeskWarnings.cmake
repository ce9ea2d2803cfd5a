# copydesk_warnings(target): the project's warning set, errors when COPYDESK_WERROR is on. Applied to our
# own targets only, never to generated Protobuf code.
function(copydesk_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
  if(COPYDESK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
