# The core's dependencies, all from Debian's packages: SQLite, nlohmann/json, xxHash,
# libsodium and libpq (PostgreSQL's client library). A missing one stops the configuration with the package to install.
find_package(PkgConfig)

function(claimledger_missing what package)
  message(FATAL_ERROR "claimledger needs ${what}: install the Debian package ${package} "
                      "(apt-get install -y ${package}), or run 'make deps'")
endfunction()

find_package(SQLite3 QUIET)
if(NOT SQLite3_FOUND)
  claimledger_missing("SQLite 3" libsqlite3-dev)
endif()
# Newer CMake names the imported target SQLite3::SQLite3 (the old name is deprecated);
# older versions only know SQLite::SQLite3.
if(TARGET SQLite3::SQLite3)
  set(CLAIMLEDGER_SQLITE SQLite3::SQLite3)
else()
  set(CLAIMLEDGER_SQLITE SQLite::SQLite3)
endif()
find_package(nlohmann_json 3.9 QUIET)
if(NOT nlohmann_json_FOUND)
  claimledger_missing("nlohmann/json" nlohmann-json3-dev)
endif()
if(NOT PKG_CONFIG_FOUND)
  claimledger_missing("pkg-config" pkg-config)
endif()
pkg_check_modules(XXHASH QUIET IMPORTED_TARGET libxxhash)
if(NOT XXHASH_FOUND)
  claimledger_missing("xxHash" libxxhash-dev)
endif()
pkg_check_modules(SODIUM QUIET IMPORTED_TARGET libsodium)
if(NOT SODIUM_FOUND)
  claimledger_missing("libsodium" libsodium-dev)
endif()
pkg_check_modules(PQ QUIET IMPORTED_TARGET libpq)
if(NOT PQ_FOUND)
  claimledger_missing("libpq" libpq-dev)
endif()
