// tpmsearch: search the shipped TPM interview questions (and, later, your notes).
#include <iostream>

#include "cli/search_command.h"

int main(int argc, char** argv) {
    return tpm::cli::tpmsearch_main({argv, argv + argc}, tpm::cli::process_environment(), std::cout,
                                    std::cerr);
}
