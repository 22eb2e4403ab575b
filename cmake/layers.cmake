# The layers of the core (docs/ARCHITECTURE.md). claimledger_layer() makes one static
# library per layer, and gives it an include directory of its own (build/.../layers/NAME)
# holding links to its headers only: a layer that links another sees that one's headers
# too, any other header is not found. A layer may link only layers declared before it,
# so an include or a call upward does not build.
#
#   claimledger_layer(NAME [FOLDER core/src subfolder, default NAME]
#                     SOURCES ... [HEADERS internal headers, default every *.h of FOLDER]
#                     [PUBLIC_HEADERS headers of core/include/claimledger it implements]
#                     [DEPENDS lower layers and header libraries] [PRIVATE_LIBS ...])
set_property(GLOBAL PROPERTY CLAIMLEDGER_LAYERS "")

function(claimledger_layer name)
  cmake_parse_arguments(L "" "FOLDER" "SOURCES;HEADERS;PUBLIC_HEADERS;DEPENDS;PRIVATE_LIBS"
                        ${ARGN})
  if(NOT L_FOLDER)
    set(L_FOLDER ${name})
  endif()
  get_property(layers GLOBAL PROPERTY CLAIMLEDGER_LAYERS)
  foreach(dependency ${L_DEPENDS} ${L_PRIVATE_LIBS})
    if(dependency MATCHES "^claimledger_(.*)$" AND NOT CMAKE_MATCH_1 IN_LIST layers)
      message(FATAL_ERROR "layer ${name} may link only the layers declared before it "
                          "(${layers}); ${CMAKE_MATCH_1} is not one of them")
    endif()
  endforeach()

  # The layer's include directory: links to its own headers, nothing else.
  set(view ${CMAKE_BINARY_DIR}/layers/${name})
  file(REMOVE_RECURSE ${view})
  file(MAKE_DIRECTORY ${view}/${L_FOLDER} ${view}/claimledger)
  if(NOT L_HEADERS)
    file(GLOB headers CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}/core/src/${L_FOLDER}
         ${PROJECT_SOURCE_DIR}/core/src/${L_FOLDER}/*.h)
    set(L_HEADERS ${headers})
  endif()
  foreach(header ${L_HEADERS})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/core/src/${L_FOLDER}/${header}
         ${view}/${L_FOLDER}/${header} SYMBOLIC)
  endforeach()
  foreach(header ${L_PUBLIC_HEADERS})
    file(CREATE_LINK ${PROJECT_SOURCE_DIR}/core/include/claimledger/${header}
         ${view}/claimledger/${header} SYMBOLIC)
  endforeach()

  add_library(claimledger_${name} STATIC ${L_SOURCES})
  target_include_directories(claimledger_${name} PUBLIC ${view})
  target_link_libraries(claimledger_${name} PUBLIC ${L_DEPENDS} PRIVATE ${L_PRIVATE_LIBS})
  target_compile_options(claimledger_${name} PRIVATE -Wall -Wextra)
  # Nothing outside the module or program that links the core calls into it by name: with
  # hidden symbols its functions call each other directly (in the Python module, not
  # through the PLT) and can be inlined within a file.
  set_target_properties(claimledger_${name} PROPERTIES CXX_VISIBILITY_PRESET hidden
                                                       VISIBILITY_INLINES_HIDDEN ON)
  set_property(GLOBAL APPEND PROPERTY CLAIMLEDGER_LAYERS ${name})
endfunction()

# Checks of the layering, built with the tests:
# - layer_link_NAME: a program that links every object of layer NAME (whole archive) with
#   only what the layer links; a call into a layer above it is an undefined symbol there;
# - layers.link_graph (ctest): the link graph CMake generated, each layer's links checked
#   against the order of the layers (tests/cpp/check_layers.cmake).
function(claimledger_layer_checks)
  get_property(layers GLOBAL PROPERTY CLAIMLEDGER_LAYERS)
  set(check_main ${CMAKE_BINARY_DIR}/layers/check_main.cpp)
  file(WRITE ${check_main} "int main() { return 0; }\n")
  set(graph "")
  foreach(layer ${layers})
    add_executable(layer_link_${layer} ${check_main})
    target_link_libraries(layer_link_${layer} PRIVATE -Wl,--whole-archive
                          $<TARGET_FILE:claimledger_${layer}> -Wl,--no-whole-archive
                          claimledger_${layer})
    get_target_property(links claimledger_${layer} LINK_LIBRARIES)
    set(claimledger_links "")
    foreach(link ${links})
      if(link MATCHES "^claimledger_(.*)$")
        list(APPEND claimledger_links ${CMAKE_MATCH_1})
      endif()
    endforeach()
    string(REPLACE ";" "," claimledger_links "${claimledger_links}")
    string(APPEND graph "${layer}:${claimledger_links}\n")
  endforeach()
  file(WRITE ${CMAKE_BINARY_DIR}/layers/link_graph.txt ${graph})
  string(REPLACE ";" "," order "${layers}")
  add_test(NAME layers.link_graph
           COMMAND ${CMAKE_COMMAND} -DGRAPH=${CMAKE_BINARY_DIR}/layers/link_graph.txt
                   -DORDER=${order} -P ${PROJECT_SOURCE_DIR}/tests/cpp/check_layers.cmake)
endfunction()
