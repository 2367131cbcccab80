// tpmindex: build the tpmsearch index.
#include "cli/app_runner.h"
#include "cli/index_command.h"

int main(int argc, char** argv) {
    return tpm::cli::run_program(argc, argv, [](const auto& args, auto& out, auto& err) {
        return tpm::cli::tpmindex_main(args, tpm::cli::process_environment(), out, err);
    });
}
