// tpmsearch: search the shipped TPM interview questions (and, later, your notes).
#include "cli/app_runner.h"
#include "cli/search_command.h"

int main(int argc, char** argv) {
    return tpm::cli::run_program(argc, argv, [](const auto& args, auto& out, auto& err) {
        return tpm::cli::tpmsearch_main(args, tpm::cli::process_environment(), out, err);
    });
}
