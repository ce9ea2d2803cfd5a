# librdkafka 2.15.1, as tools/librdkafka-build leaves it in the cache prefix, linked statically.
#
# Why static: Debian's librdkafka1 (2.0.2) stays installed beside ours (kcat and python3-confluent-kafka
# need it) and has the same soname, librdkafka.so.1. With the archives in the binary nothing at run time
# (LD_LIBRARY_PATH, a RUNPATH not honoured for a dependency's dependency, a container without the prefix)
# can swap the old library in. `copydesk-worker version` prints the library that really runs.
#
# Defines two imported targets:
#   copydesk::rdkafka     the C library (the mock cluster's API lives only here)
#   copydesk::rdkafka++   the C++ library on top of it
# librdkafka ships no CMake config, only pkg-config files; their Requires.private lists the system
# libraries the archive needs (zlib, OpenSSL, SASL, zstd, lz4), which link as usual.
set(COPYDESK_RDKAFKA_VERSION 2.15.1)
# The same defaults as tools/librdkafka-build: $COPYDESK_RDKAFKA_PREFIX, else $COPYDESK_CACHE/..., else ~/.cache.
if(DEFINED ENV{COPYDESK_CACHE})
  set(_rdkafka_cache "$ENV{COPYDESK_CACHE}")
else()
  set(_rdkafka_cache "$ENV{HOME}/.cache/copydesk")
endif()
set(COPYDESK_RDKAFKA_PREFIX "${_rdkafka_cache}/librdkafka-${COPYDESK_RDKAFKA_VERSION}"
    CACHE PATH "Install prefix of librdkafka ${COPYDESK_RDKAFKA_VERSION} (tools/librdkafka-build)")
if(DEFINED ENV{COPYDESK_RDKAFKA_PREFIX})
  set(COPYDESK_RDKAFKA_PREFIX "$ENV{COPYDESK_RDKAFKA_PREFIX}" CACHE PATH "" FORCE)
endif()

set(_rdkafka_lib "${COPYDESK_RDKAFKA_PREFIX}/lib")
foreach(_archive librdkafka.a librdkafka++.a pkgconfig/rdkafka.pc)
  if(NOT EXISTS "${_rdkafka_lib}/${_archive}")
    message(FATAL_ERROR "librdkafka ${COPYDESK_RDKAFKA_VERSION} is not in ${COPYDESK_RDKAFKA_PREFIX} "
                        "(no lib/${_archive}). Run tools/setup (or tools/librdkafka-build) first.")
  endif()
endforeach()

# Ask pkg-config for the private requirements of exactly this prefix's rdkafka.pc, never the system's.
set(_saved_pc_path "$ENV{PKG_CONFIG_PATH}")
set(ENV{PKG_CONFIG_PATH} "${_rdkafka_lib}/pkgconfig")
pkg_check_modules(_RDKAFKA_PC REQUIRED rdkafka=${COPYDESK_RDKAFKA_VERSION})
set(ENV{PKG_CONFIG_PATH} "${_saved_pc_path}")
set(_rdkafka_deps ${_RDKAFKA_PC_STATIC_LIBRARIES})
list(REMOVE_ITEM _rdkafka_deps rdkafka)

add_library(copydesk::rdkafka STATIC IMPORTED GLOBAL)
set_target_properties(copydesk::rdkafka PROPERTIES
  IMPORTED_LOCATION "${_rdkafka_lib}/librdkafka.a"
  INTERFACE_INCLUDE_DIRECTORIES "${COPYDESK_RDKAFKA_PREFIX}/include"
  INTERFACE_LINK_LIBRARIES "${_rdkafka_deps};Threads::Threads")
add_library(copydesk::rdkafka++ STATIC IMPORTED GLOBAL)
set_target_properties(copydesk::rdkafka++ PROPERTIES
  IMPORTED_LOCATION "${_rdkafka_lib}/librdkafka++.a"
  INTERFACE_LINK_LIBRARIES copydesk::rdkafka)
message(STATUS "librdkafka ${COPYDESK_RDKAFKA_VERSION} (static) from ${COPYDESK_RDKAFKA_PREFIX}; "
               "links ${_rdkafka_deps}")
