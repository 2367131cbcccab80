// tpmindex: build the tpmsearch index.
#include <iostream>

#include "cli/index_command.h"

int main(int argc, char** argv) {
    return tpm::cli::tpmindex_main({argv, argv + argc}, tpm::cli::process_environment(), std::cout,
                                   std::cerr);
}
