// tpm_bench_time: times whole processes side by side. Every command is run once untimed (the
// warm-up: caches warm, binaries paged in), then the commands are run in turn, A, B, C, A, B,
// C, ..., so that a noisy machine slows all of them alike rather than whichever ran during the
// noise (hyperfine runs one command after the other; this is its `--warmup` without that bias).
//
//   tpm_bench_time [-n RUNS] [-w WARMUPS] [-r RAW.tsv] -f COMMANDS.tsv
//   tpm_bench_time [-n RUNS] [-w WARMUPS] [-r RAW.tsv] -- cmd args ';;' cmd args ...
//
// COMMANDS.tsv has one command a line, its fields separated by tabs: a label, then optional
// NAME=VALUE environment settings, then the program (searched in PATH) and its arguments.
// Lines that are empty or start with '#' are skipped. A label that starts with '!' marks an
// untimed preparation step, run (and not reported) right before the next command, every time.
// Each command also gets TPM_BENCH_RUN=<iteration> (0 for the first warm-up) in its
// environment, so a preparation step can change different files on every run.
//
// Commands run with posix_spawnp, stdin, stdout and stderr on /dev/null. Wall time is measured
// with clock_gettime(CLOCK_MONOTONIC) around spawn and wait4; peak RSS is ru_maxrss of wait4's
// rusage (the child and the descendants it waited for). Output, one line a command, TSV:
//
//   label runs median_ms min_ms max_ms maxrss_mb status ok
//
// status lists every exit status seen (warm-ups included), e.g. "0" or "0,1" or "sig9";
// ok is "ok" when all of them are 0 or 1 (tpmsearch, grep and quest exit 1 for no results), else
// "BAD". With -r, every timed sample is written too: label, iteration, ms, maxrss_kb, status.
// Exit status: 0, or 2 on a usage error or a command that cannot be spawned.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>
#include <string>
#include <vector>

extern char** environ;

namespace {

struct Command {
    std::string label;
    std::vector<std::string> env;   // NAME=VALUE settings added to the inherited environment
    std::vector<std::string> argv;  // program and arguments
    bool prepare = false;           // an untimed step run before the next command
    std::vector<double> ms;
    long maxrss_kb = 0;
    std::set<std::string> statuses;
    bool bad = false;
};

struct Sample {
    double ms;
    long maxrss_kb;
    std::string status;
    bool ok;
};

[[noreturn]] void usage(const char* why) {
    std::fprintf(stderr,
                 "tpm_bench_time: %s\n"
                 "usage: tpm_bench_time [-n RUNS] [-w WARMUPS] [-r RAW.tsv] -f COMMANDS.tsv\n"
                 "       tpm_bench_time [-n RUNS] [-w WARMUPS] [-r RAW.tsv] -- cmd args ';;' "
                 "cmd args ...\n",
                 why);
    std::exit(2);
}

bool is_assignment(const std::string& field) {
    const std::size_t eq = field.find('=');
    if (eq == std::string::npos || eq == 0) return false;
    for (std::size_t i = 0; i < eq; ++i) {
        const char c = field[i];
        const bool ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (i > 0 && c >= '0' && c <= '9');
        if (!ok) return false;
    }
    return true;
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab == std::string::npos ? tab : tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
    }
    return fields;
}

std::vector<Command> read_command_file(const char* path) {
    std::ifstream in(path);
    if (!in) usage((std::string("cannot read ") + path).c_str());
    std::vector<Command> commands;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> fields = split_tabs(line);
        if (fields.size() < 2) usage(("a command line needs a label and a program: " + line).c_str());
        Command c;
        c.label = fields[0];
        c.prepare = !c.label.empty() && c.label[0] == '!';
        std::size_t i = 1;
        while (i < fields.size() && is_assignment(fields[i])) c.env.push_back(fields[i++]);
        if (i == fields.size()) usage(("no program in: " + line).c_str());
        c.argv.assign(fields.begin() + static_cast<std::ptrdiff_t>(i), fields.end());
        commands.push_back(std::move(c));
    }
    return commands;
}

double now_ms() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// The environment of a command: ours, minus what it sets, plus its settings and the run number.
std::vector<std::string> environment_of(const Command& c, int iteration) {
    std::vector<std::string> settings = c.env;
    settings.push_back("TPM_BENCH_RUN=" + std::to_string(iteration));
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        const std::string entry = *e;
        const std::string name = entry.substr(0, entry.find('='));
        const bool overridden = std::any_of(settings.begin(), settings.end(), [&](const auto& s) {
            return s.compare(0, name.size() + 1, name + "=") == 0;
        });
        if (!overridden) env.push_back(entry);
    }
    env.insert(env.end(), settings.begin(), settings.end());
    return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (std::string& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

Sample run_once(const Command& c, int iteration) {
    std::vector<std::string> argv_strings = c.argv;
    std::vector<std::string> env_strings = environment_of(c, iteration);
    std::vector<char*> argv = c_strings(argv_strings);
    std::vector<char*> envp = c_strings(env_strings);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);

    const double start = now_ms();
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        std::fprintf(stderr, "tpm_bench_time: cannot run %s: %s\n", argv[0], std::strerror(rc));
        std::exit(2);
    }
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            std::perror("tpm_bench_time: wait4");
            std::exit(2);
        }
    }
    const double end = now_ms();

    Sample s{end - start, usage.ru_maxrss, "", false};
    if (WIFEXITED(status)) {
        const int code = WEXITSTATUS(status);
        s.status = std::to_string(code);
        s.ok = code == 0 || code == 1;
    } else if (WIFSIGNALED(status)) {
        s.status = "sig" + std::to_string(WTERMSIG(status));
    } else {
        s.status = "unknown";
    }
    return s;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int parse_count(const char* text, const char* what) {
    char* end = nullptr;
    const long n = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || n < 0 || n > 100000) {
        usage((std::string("bad ") + what + ": " + text).c_str());
    }
    return static_cast<int>(n);
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 21;
    int warmups = 1;
    const char* raw_path = nullptr;
    std::vector<Command> commands;
    int i = 1;
    for (; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "-n" && i + 1 < argc) {
            runs = parse_count(argv[++i], "run count");
        } else if (arg == "-w" && i + 1 < argc) {
            warmups = parse_count(argv[++i], "warm-up count");
        } else if (arg == "-r" && i + 1 < argc) {
            raw_path = argv[++i];
        } else if (arg == "-f" && i + 1 < argc) {
            commands = read_command_file(argv[++i]);
        } else if (arg == "--") {
            ++i;
            break;
        } else {
            usage(("unknown argument " + arg).c_str());
        }
    }
    if (i < argc) {  // commands on the command line, separated by ";;"
        Command c;
        for (; i <= argc; ++i) {
            if (i == argc || std::strcmp(argv[i], ";;") == 0) {
                if (c.argv.empty()) usage("an empty command");
                for (const std::string& a : c.argv) c.label += (c.label.empty() ? "" : " ") + a;
                commands.push_back(std::move(c));
                c = Command{};
            } else {
                c.argv.push_back(argv[i]);
            }
        }
    }
    if (commands.empty()) usage("no commands");
    if (runs < 1) usage("at least one run");

    std::FILE* raw = nullptr;
    if (raw_path != nullptr && (raw = std::fopen(raw_path, "w")) == nullptr) {
        usage((std::string("cannot write ") + raw_path).c_str());
    }
    for (int iteration = 0; iteration < warmups + runs; ++iteration) {
        const bool timed = iteration >= warmups;
        for (Command& c : commands) {
            const Sample s = run_once(c, iteration);
            if (c.prepare) {
                if (!s.ok || s.status != "0") {
                    std::fprintf(stderr, "tpm_bench_time: preparation %s exited %s\n",
                                 c.label.c_str(), s.status.c_str());
                }
                continue;
            }
            c.statuses.insert(s.status);
            c.bad = c.bad || !s.ok;
            if (!timed) continue;
            c.ms.push_back(s.ms);
            c.maxrss_kb = std::max(c.maxrss_kb, s.maxrss_kb);
            if (raw != nullptr) {
                std::fprintf(raw, "%s\t%d\t%.3f\t%ld\t%s\n", c.label.c_str(), iteration, s.ms,
                             s.maxrss_kb, s.status.c_str());
            }
        }
    }
    if (raw != nullptr) std::fclose(raw);

    std::printf("label\truns\tmedian_ms\tmin_ms\tmax_ms\tmaxrss_mb\tstatus\tok\n");
    for (const Command& c : commands) {
        if (c.prepare) continue;
        std::string statuses;
        for (const std::string& s : c.statuses) statuses += (statuses.empty() ? "" : ",") + s;
        const auto [lo, hi] = std::minmax_element(c.ms.begin(), c.ms.end());
        std::printf("%s\t%zu\t%.2f\t%.2f\t%.2f\t%.1f\t%s\t%s\n", c.label.c_str(), c.ms.size(),
                    median(c.ms), *lo, *hi, static_cast<double>(c.maxrss_kb) / 1024.0,
                    statuses.c_str(), c.bad ? "BAD" : "ok");
    }
    return 0;
}
