// Output and small things of issue 14, through the real binaries: a write that fails (a full
// disk, a pipe nobody reads, a closed stdout) is an error of status 2 and one line, for
// tpmsearch and tpmindex alike; bidi controls never reach the terminal; a relative
// XDG_DATA_HOME is ignored; misuse of show, topics, kind: and fields is a one-line error.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "hostile/hostile_fixture.h"

namespace tpm {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::read_file;
using test::write_file;

// Where the child's stdout goes.
enum class Stdout {
    full,          // /dev/full: every write fails with ENOSPC
    closed,        // descriptor 1 closed, as `>&-` leaves it
    broken_pipe,   // a pipe whose read end is closed, SIGPIPE ignored: write fails with EPIPE
    default_pipe,  // the same pipe with SIGPIPE at its default: the write ends the program
};

#define TPM_RLO "\xE2\x80\xAE"  // U+202E RIGHT-TO-LEFT OVERRIDE

class HardeningOutput : public test::HostileInstall {
  protected:
    // `program` (bin/tpmsearch or bin/tpmindex) with `args`, its stdout as `how`, its stderr
    // captured, within the search ceiling; the environment of HostileInstall plus `extra`.
    ProcessResult run(const std::string& program, std::vector<std::string> args, Stdout how,
                      std::map<std::string, std::string> extra = {}) const {
        args.insert(args.begin(), (root_ / "bin" / program).string());
        const test::TempDir scratch;
        const std::string err_path = (scratch / "err").string();
        std::map<std::string, std::string> env = environment();
        for (const auto& [k, v] : extra) env[k] = v;
        const test::ExecArgs exec(args, env);
        int pipe_fds[2] = {-1, -1};
        if (how == Stdout::broken_pipe || how == Stdout::default_pipe) {
            if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe");
            close(pipe_fds[0]);  // nobody will ever read
        }
        const auto started = std::chrono::steady_clock::now();
        // Between fork and exec only async-signal-safe calls: this process may have threads.
        const pid_t pid = fork();
        if (pid == 0) {
            const int in = open("/dev/null", O_RDONLY);
            const int err = open(err_path.c_str(), O_WRONLY | O_CREAT, 0600);
            if (in < 0 || err < 0 || dup2(in, 0) != 0 || dup2(err, 2) != 2) _exit(126);
            if (how == Stdout::full) {
                const int full = open("/dev/full", O_WRONLY);
                if (full < 0 || dup2(full, 1) != 1) _exit(126);
                close(full);
            } else if (how == Stdout::closed) {
                close(1);
            } else {
                if (dup2(pipe_fds[1], 1) != 1) _exit(126);
                close(pipe_fds[1]);
                struct sigaction action {};
                action.sa_handler = how == Stdout::broken_pipe ? SIG_IGN : SIG_DFL;
                sigaction(SIGPIPE, &action, nullptr);
            }
            close(in);
            close(err);
            execve(exec.argv()[0], exec.argv(), exec.envp());
            _exit(127);
        }
        if (pipe_fds[1] >= 0) close(pipe_fds[1]);
        if (pid < 0) throw std::runtime_error("fork");
        ProcessResult result;
        int status = 0;
        const auto deadline = started + test::kSearchCeiling * 3;
        while (waitpid(pid, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() >= deadline) {
                kill(pid, SIGKILL);
                waitpid(pid, &status, 0);
                result.timed_out = true;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        result.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
        result.err = read_file(err_path);
        return result;
    }

    ProcessResult run_search(std::vector<std::string> args, Stdout how) const {
        return run("tpmsearch", std::move(args), how);
    }
};

std::string cannot_write(const std::string& program, const std::string& reason) {
    return program + ": error: cannot write the results: " + reason + "\n";
}

TEST_F(HardeningOutput, ASearchIntoAFullDiskIsAnErrorOfOneLine) {
    const ProcessResult r = run_search({"canary"}, Stdout::full);
    TPM_EXPECT_FINISHED(r);
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, cannot_write("tpmsearch", "No space left on device"));
    // JSON larger than any buffer: never status 0 with half a document.
    const ProcessResult json = run_search({"--json", "-n", "200", "the"}, Stdout::full);
    EXPECT_EQ(json.status, 2);
    EXPECT_EQ(json.err, cannot_write("tpmsearch", "No space left on device"));
    // No results, and --help: whatever was to be written.
    EXPECT_EQ(run_search({"--json", "xylophonezzz"}, Stdout::full).status, 2);
    EXPECT_EQ(run_search({"--help"}, Stdout::full).status, 2);
    EXPECT_EQ(run_search({"--json", "show", "Q99"}, Stdout::full).status, 2);
}

TEST_F(HardeningOutput, ASearchWithStdoutClosedIsAnErrorOfOneLine) {
    const ProcessResult r = run_search({"canary"}, Stdout::closed);
    TPM_EXPECT_FINISHED(r);
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, cannot_write("tpmsearch", "Bad file descriptor"));
}

TEST_F(HardeningOutput, ABrokenPipeIsAnErrorWhenSigpipeIsIgnoredAndQuietOtherwise) {
    const ProcessResult ignored = run_search({"canary"}, Stdout::broken_pipe);
    TPM_EXPECT_FINISHED(ignored);
    EXPECT_EQ(ignored.status, 2);
    EXPECT_EQ(ignored.err, cannot_write("tpmsearch", "Broken pipe"));
    // `tpmsearch ... | head`: SIGPIPE ends it, quietly, as it ends grep or cat.
    const ProcessResult quiet = run_search({"canary"}, Stdout::default_pipe);
    EXPECT_EQ(quiet.signal, SIGPIPE);
    EXPECT_EQ(quiet.err, "");
}

TEST_F(HardeningOutput, TpmindexSummaryAndListIntoAFullDiskAreErrors) {
    write_file(notes_ / "n.md", "# Heron notes\n\nThe wadingheron waits.\n");
    const ProcessResult summary = run("tpmindex", {notes_.string()}, Stdout::full);
    TPM_EXPECT_FINISHED(summary);
    EXPECT_EQ(summary.status, 2);
    EXPECT_EQ(summary.err, cannot_write("tpmindex", "No space left on device"));
    const ProcessResult list = run("tpmindex", {"--list"}, Stdout::full);
    EXPECT_EQ(list.status, 2);
    EXPECT_EQ(list.err, cannot_write("tpmindex", "No space left on device"));
    // The index itself was written: only its report was lost.
    EXPECT_EQ(tpmsearch({"wadingheron"}).status, 0);
}

TEST_F(HardeningOutput, AClosedStdoutNeverBecomesAFileOfTheIndex) {
    // With descriptor 1 closed, the first file tpmindex opens would get it, and the summary
    // would be written into an index table.
    write_file(notes_ / "n.md", "# Heron notes\n\nThe wadingheron waits.\n");
    const ProcessResult r = run("tpmindex", {notes_.string()}, Stdout::closed);
    TPM_EXPECT_FINISHED(r);
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, cannot_write("tpmindex", "Bad file descriptor"));
    const ProcessResult again = tpmindex({notes_.string()});
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(tpmsearch({"wadingheron"}).status, 0);
    EXPECT_EQ(run_search({"wadingheron"}, Stdout::closed).status, 2);
}

TEST_F(HardeningOutput, UsageErrorsAreOneLine) {
    for (const std::vector<std::string>& args : {std::vector<std::string>{"-canary"},
                                                 {"show", "Q1", "Q2"},
                                                 {"topics", "foo"},
                                                 {"similar", "Q1", "Q2"},
                                                 {"show"}}) {
        SCOPED_TRACE(args[0]);
        const ProcessResult r = tpmsearch(args);
        EXPECT_EQ(r.status, 2);
        EXPECT_EQ(r.out, "");
        ASSERT_EQ(test::lines_of(r.err).size(), 1u) << r.err;
        EXPECT_TRUE(r.err.ends_with("; run tpmsearch --help for usage\n")) << r.err;
    }
    const ProcessResult index = tpmindex({"--bogus"});
    EXPECT_EQ(index.status, 2);
    EXPECT_EQ(index.err,
              "tpmindex: error: The following argument was not expected: --bogus; run tpmindex "
              "--help for usage\n");
}

TEST_F(HardeningOutput, UnknownKindsAndFieldsAreErrorsAndKindsAnyCase) {
    const ProcessResult upper = tpmsearch({"kind:TIP"});
    EXPECT_EQ(upper.status, 0) << upper.err;
    EXPECT_EQ(tpmsearch({"kind:tip"}).out, upper.out);
    const ProcessResult kind = tpmsearch({"kind:foo"});
    EXPECT_EQ(kind.status, 2);
    EXPECT_EQ(kind.err,
              "tpmsearch: error: unknown kind \"foo\"; it is one of question, tip, note, story\n");
    const ProcessResult field = tpmsearch({"foo:bar"});
    EXPECT_EQ(field.status, 2);
    EXPECT_EQ(test::lines_of(field.err).size(), 1u);
    EXPECT_NE(field.err.find("unknown field \"foo\""), std::string::npos) << field.err;
    // The fix it names works: the quoted words are searched.
    EXPECT_EQ(tpmsearch({"\"foo:bar\""}).status, 1);
    // Colons in ordinary text are still text.
    for (const char* q : {"http://example.com/canary", "10:30", "C++: canary", "note: canary"}) {
        SCOPED_TRACE(q);
        const ProcessResult r = tpmsearch({q});
        EXPECT_TRUE(r.status == 0 || r.status == 1) << r.err;
    }
}

TEST_F(HardeningOutput, JsonShowOfAnUnknownIdIsAJsonDocument) {
    const ProcessResult r = tpmsearch({"--json", "show", "Q999"});
    EXPECT_EQ(r.status, 1);
    const nlohmann::json j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("error").at("code"), "not_found");
    const ProcessResult similar = tpmsearch({"--json", "similar", "Q999"});
    EXPECT_EQ(similar.status, 1);
    EXPECT_EQ(nlohmann::json::parse(similar.out).at("error").at("code"), "not_found");
}

TEST_F(HardeningOutput, BidiControlsNeverReachTheTerminal) {
    // In an error that echoes the query...
    const ProcessResult topic = tpmsearch({"topic:evil" TPM_RLO "txt.exe"});
    EXPECT_EQ(topic.status, 2);
    EXPECT_EQ(topic.err.find(TPM_RLO), std::string::npos) << topic.err;
    EXPECT_NE(topic.err.find("evil\xEF\xBF\xBDtxt.exe"), std::string::npos) << topic.err;
    // ...and in results: a note may hold them as well.
    write_file(notes_ / "bidi.md",
               "# Bidi " TPM_RLO "gnirts\n\nThe bidiheron " TPM_RLO "waits here.\n");
    ASSERT_EQ(tpmindex({"-q", notes_.string()}).status, 0);
    const ProcessResult text = tpmsearch({"bidiheron"});
    EXPECT_EQ(text.status, 0) << text.err;
    EXPECT_EQ(text.out.find(TPM_RLO), std::string::npos) << text.out;
    // JSON is for programs: the text as it is.
    const ProcessResult json = tpmsearch({"--json", "bidiheron"});
    EXPECT_NE(json.out.find(TPM_RLO), std::string::npos) << json.out;
    const std::string id = nlohmann::json::parse(json.out).at("hits").at(0).at("id");
    const ProcessResult show = tpmsearch({"show", id});
    EXPECT_EQ(show.status, 0) << show.err;
    EXPECT_NE(show.out.find("bidiheron"), std::string::npos) << show.out;
    EXPECT_EQ(show.out.find(TPM_RLO), std::string::npos) << show.out;
}

TEST_F(HardeningOutput, ARelativeXdgDataHomeIsIgnored) {
    // The XDG Base Directory specification: a relative path is invalid and ignored; the
    // notes index goes to ~/.local/share/tpmsearch, not below whatever folder tpmindex ran in.
    const std::string relative = "tpm-relative-xdg-" + std::to_string(getpid());
    write_file(notes_ / "n.md", "# Heron notes\n\nThe wadingheron waits.\n");
    const ProcessResult r = run("tpmindex", {"-q", notes_.string()}, Stdout::closed,
                                {{"XDG_DATA_HOME", relative}, {"XDG_CONFIG_HOME", relative}});
    EXPECT_EQ(r.status, 0) << r.err;
    const bool misplaced = fs::exists(relative);
    fs::remove_all(relative);
    EXPECT_FALSE(misplaced);
    EXPECT_TRUE(fs::exists(root_ / "home" / ".local" / "share" / "tpmsearch" / "iamglass"));
}

}  // namespace
}  // namespace tpm
