#include "cli/index_command.h"

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <iomanip>
#include <memory>
#include <optional>
#include <sstream>

#include "cli/app_runner.h"
#include "index/notes_indexer.h"
#include "index/search_index.h"
#include "ingest/corpus.h"
#include "model/error.h"
#include "store/database.h"
#include "store/index_repair.h"
#include "store/schema.h"
#include "text/printable.h"

namespace tpm::cli {

namespace {

// --max-size in megabytes: a finite number from one byte to 1 TiB. Outside that range the
// number of bytes overflowed or rounded to 0 and every note was skipped as too large.
constexpr double kBytesPerMb = 1024.0 * 1024.0;
constexpr double kLeastMaxSizeMb = 1.0 / kBytesPerMb;  // one byte
constexpr double kMostMaxSizeMb = 1024.0 * 1024.0;     // 1 TiB

std::string check_max_size(std::string& value) {
    const char* begin = value.c_str();
    char* end = nullptr;
    errno = 0;
    const double mb = std::strtod(begin, &end);
    const std::string range = "give megabytes from 0.000001 (one byte) to 1048576 (1 TiB)";
    if (end == begin || *end != '\0' || !std::isfinite(mb)) {
        return "\"" + value + "\" is not a number; " + range;
    }
    if (errno == ERANGE || mb < kLeastMaxSizeMb || mb > kMostMaxSizeMb) {
        return value + " is out of range; " + range;
    }
    return "";
}

// Cannot overflow: check_max_size() bounds `mb`.
std::uintmax_t max_file_bytes(double mb) {
    return std::max<std::uintmax_t>(1, static_cast<std::uintmax_t>(mb * kBytesPerMb));
}

}  // namespace

void setup_index(CLI::App& app, IndexOptions& options) {
    app.description(
        "Build the tpmsearch indexes. With no arguments, refreshes the shipped corpus index "
        "and every registered notes folder; with paths, adds those folders or files to your "
        "notes index and indexes them.");
    app.add_option("paths", options.paths, "Notes folders or files to add and index")
        ->expected(0, -1);
    app.add_option("--index", options.index,
                   "Index folder to write (default: index/ for the corpus; with paths, "
                   "$XDG_DATA_HOME/tpmsearch)");
    app.add_flag("--list", options.list, "List the indexed sources");
    app.add_option("--remove", options.remove,
                   "Remove a registered notes folder and its documents from the index");
    app.add_option("--max-size", options.max_size_mb,
                   "Skip note files larger than this many megabytes (default 10)")
        ->check(CLI::Validator(check_max_size, "MB", "max-size"));
    app.add_option("--corpus", options.corpus,
                   "Folder of Q&A documents to index (default: the shipped corpus/)")
        ->check(CLI::ExistingDirectory);
    app.add_flag("-q,--quiet", options.quiet, "Print only warnings and errors");
    app.add_flag("--rebuild", options.rebuild,
                 "Rebuild from the sources into a new folder and swap it in (repairs a damaged "
                 "index): index/ from corpus/ and the notes index from its registered folders; "
                 "with --index, the one named");
    app.add_flag("--no-wait", options.no_wait,
                 "Fail at once if another tpmindex is writing the index, instead of waiting");
}

namespace {

// The Q&A folder a corpus run reads and the index it writes, with the names the messages use.
struct CorpusTarget {
    std::filesystem::path corpus;
    std::string corpus_shown;
    std::filesystem::path index;
    std::string index_shown;
};

CorpusTarget corpus_target(const IndexOptions& options, const Environment& env) {
    if ((options.index.empty() || options.corpus.empty()) && !env.data_root) {
        throw Error(ErrorCode::io,
                    "cannot find the shipped corpus/ beside tpmindex; name the folders with "
                    "--corpus DIR --index DIR");
    }
    CorpusTarget target{
        options.corpus.empty() ? env.corpus_dir() : std::filesystem::path(options.corpus),
        options.corpus.empty() ? "corpus" : options.corpus,
        options.index.empty() ? env.default_index_dir() : std::filesystem::path(options.index),
        options.index.empty() ? "index/" : options.index};
    // The shipped index of a shared install that is not current and not ours to write is
    // built in the user's cache instead, where tpmsearch then finds it (search_index.h).
    if (options.index.empty() && options.corpus.empty()) {
        target.index = corpus_index_dir(*env.data_root, env.cache_index);
        if (target.index != env.default_index_dir()) target.index_shown = target.index.string();
    }
    return target;
}

// A current shipped index in an install the user cannot write: nothing for tpmindex to do.
bool current_read_only(const IndexOptions& options, const CorpusTarget& target,
                       const Environment& env) {
    return options.index.empty() && options.corpus.empty() &&
           target.index == env.default_index_dir() && index_unwritable(target.index);
}

int run_rebuild(const IndexOptions& options, const Environment& env, std::ostream& out,
                std::ostream& err);
int run_refresh_notes(const IndexOptions& options, const Environment& env, std::ostream& out,
                      std::ostream& err);
// Builds the corpus index in place; the default index, when it is missing, damaged or of
// another schema, is rebuilt beside it and swapped in instead (it is ours to rebuild). Any other
// index that cannot be written names the command that rebuilds it.
IndexReport build_or_repair_corpus(const IndexOptions& options, const std::filesystem::path& corpus,
                                   const std::string& display, const std::filesystem::path& index,
                                   std::ostream& err);

// 128 + SIGINT, as a shell reports a command Ctrl-C ended.
constexpr int kExitInterrupted = 130;

// Set by SIGINT and SIGTERM while notes are indexed or removed; read between two files.
std::atomic<bool> interrupted{false};
// Set once the index is open for writing. Before that (waiting for another tpmindex's lock,
// inside Xapian) there is nothing to stop cleanly and the signal ends the process.
std::atomic<bool> armed{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void on_interrupt(int signal_number) {
    if (!armed.load(std::memory_order_relaxed)) {
        raise(signal_number);  // SA_RESETHAND restored the default action: end as signalled
        return;
    }
    interrupted.store(true, std::memory_order_relaxed);
}

// Catches SIGINT and SIGTERM for its lifetime, then restores what was there. SA_RESETHAND: a
// second Ctrl-C ends the process at once, as a user who presses it twice expects; the index
// then stays at its last commit (Xapian commits are atomic).
class InterruptGuard {
  public:
    InterruptGuard() {
        interrupted.store(false);
        armed.store(false);
        struct sigaction action {};
        action.sa_handler = on_interrupt;
        sigemptyset(&action.sa_mask);
        action.sa_flags = static_cast<int>(SA_RESETHAND);
        sigaction(SIGINT, &action, &old_int_);
        sigaction(SIGTERM, &action, &old_term_);
    }
    ~InterruptGuard() {
        sigaction(SIGINT, &old_int_, nullptr);
        sigaction(SIGTERM, &old_term_, nullptr);
    }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

  private:
    struct sigaction old_int_ {};
    struct sigaction old_term_ {};
};

// Said once before waiting for another tpmindex's lock.
std::function<void()> lock_notice(std::ostream& err, const std::filesystem::path& index) {
    return [&err, index] {
        err << "tpmindex: another tpmindex is writing the index in "
            << text::printable(index.string(), text::Controls::neutralise)
            << "; waiting for it to finish (--no-wait fails instead)\n";
        err.flush();
    };
}

// "2,340": counts in the summary are read at a glance.
std::string grouped(std::size_t n) {
    std::string digits = std::to_string(n);
    for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
    return digits;
}

std::string seconds(double s) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(2) << s << " s";
    return out.str();
}

void print_report(const IndexReport& r, const std::string& index, std::ostream& out) {
    out << "indexed " << r.documents << " documents from " << r.files
        << (r.files == 1 ? " file" : " files") << " into " << index << ": " << r.stats.added
        << " added, " << r.stats.changed << " changed, " << r.stats.removed << " removed, "
        << r.stats.unchanged << " unchanged";
    if (!r.diagnostics.empty()) out << ", " << r.diagnostics.size() << " warnings";
    out << " in " << seconds(r.seconds) << "\n";
}

// "notes: 3 added, 1 changed, 2 removed, 2,340 unchanged, 2 skipped in 0.41 s"
void print_notes_report(const NotesReport& r, std::ostream& out) {
    out << "notes: " << grouped(r.added) << " added, " << grouped(r.changed) << " changed, "
        << grouped(r.removed) << " removed, " << grouped(r.unchanged) << " unchanged, "
        << grouped(r.skipped) << " skipped";
    if (r.converted) out << ", " << grouped(r.converted) << " converted";
    out << " in " << seconds(r.seconds) << "\n";
}

void print_warnings(const std::vector<Diagnostic>& diagnostics, std::ostream& err) {
    for (const Diagnostic& d : diagnostics) {
        // A file name can hold escape sequences: they must not drive the user's terminal.
        err << "tpmindex: warning: "
            << text::printable(format_diagnostic(d), text::Controls::neutralise) << "\n";
    }
}

// A bar on stderr, redrawn at most ten times a second, erased when the walk of a folder ends.
Progress progress_bar(std::ostream& err) {
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    return [&err, last](std::size_t done, std::size_t total) {
        const auto now = std::chrono::steady_clock::now();
        if (done < total && now - *last < std::chrono::milliseconds(100)) return;
        *last = now;
        constexpr std::size_t kWidth = 30;
        const std::size_t filled = total ? done * kWidth / total : kWidth;
        err << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, ' ') << "] "
            << done << "/" << total << " files";
        if (done == total) err << "\r\x1b[K";
        err.flush();
    };
}

std::string absolute_path(const std::string& path) {
    std::error_code ec;
    std::filesystem::path p = std::filesystem::absolute(path, ec);
    if (ec) throw Error(ErrorCode::io, "cannot resolve " + path + ": " + ec.message());
    std::string out = p.lexically_normal().string();
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return out;
}

// The taxonomy notes are tagged with: the shipped one, when there is a corpus.
Taxonomy notes_taxonomy(const Environment& env, std::vector<Diagnostic>& diagnostics) {
    if (!env.data_root) return Taxonomy(std::vector<Topic>{});
    return read_taxonomy(env.corpus_dir() / kTaxonomyFileName,
                         std::string("corpus/") + kTaxonomyFileName, diagnostics);
}

// The options of a notes indexing run: the --max-size and --no-wait choices, a progress bar on
// a terminal, and the signal flags that stop it between two files.
NotesIndexOptions notes_indexing(const IndexOptions& options, const Environment& env,
                                 const std::filesystem::path& index_dir, const Taxonomy& taxonomy,
                                 std::ostream& err) {
    NotesIndexOptions notes{index_dir, &taxonomy, {}, {}, nullptr, true, {}, {}};
    notes.walk.max_file_bytes = max_file_bytes(options.max_size_mb);
    if (env.stderr_is_tty && !options.quiet) notes.progress = progress_bar(err);
    notes.wait_for_lock = !options.no_wait;
    notes.waiting = lock_notice(err, index_dir);
    notes.stop = &interrupted;
    notes.writing = [] { armed.store(true, std::memory_order_relaxed); };
    return notes;
}

int run_notes(const IndexOptions& options, const Environment& env, std::ostream& out,
              std::ostream& err) {
    std::filesystem::path index_dir;
    if (!options.index.empty()) {
        index_dir = options.index;
    } else if (env.notes_index) {
        index_dir = *env.notes_index;
    } else {
        throw Error(ErrorCode::io,
                    "cannot tell where the notes index goes: set XDG_DATA_HOME or HOME, or name "
                    "it with --index DIR");
    }
    if (options.list) {
        for (const RootSummary& root : list_notes_roots(index_dir)) {
            out << text::printable(root.root, text::Controls::neutralise) << "  "
                << grouped(root.files) << (root.files == 1 ? " file, " : " files, ")
                << grouped(root.documents) << (root.documents == 1 ? " section\n" : " sections\n");
        }
        return 0;
    }
    std::vector<Diagnostic> taxonomy_problems;
    const Taxonomy taxonomy = notes_taxonomy(env, taxonomy_problems);
    const InterruptGuard guard;
    const NotesIndexOptions notes = notes_indexing(options, env, index_dir, taxonomy, err);
    NotesReport report;
    if (!options.remove.empty()) {
        report = remove_notes_root(notes, absolute_path(options.remove));
    } else {
        std::vector<std::string> roots;
        for (const std::string& p : options.paths) roots.push_back(absolute_path(p));
        report = update_notes(notes, roots);
    }
    print_warnings(report.diagnostics, err);
    if (!options.quiet) print_notes_report(report, out);
    if (report.interrupted && !options.remove.empty()) {
        err << "tpmindex: interrupted; " << grouped(report.remaining)
            << (report.remaining == 1 ? " file" : " files") << " of "
            << text::printable(options.remove, text::Controls::neutralise)
            << " remain in the index and it stays registered; run tpmindex --remove "
            << text::printable(options.remove, text::Controls::neutralise) << " again to finish\n";
        return kExitInterrupted;
    }
    if (report.interrupted) {
        err << "tpmindex: interrupted; the files indexed so far are kept, run tpmindex again to "
               "index the rest\n";
        return kExitInterrupted;
    }
    return 0;
}

}  // namespace

int run_index(const IndexOptions& options, const Environment& env, std::ostream& out,
              std::ostream& err) {
    if (options.rebuild) return run_rebuild(options, env, out, err);
    if (!options.paths.empty() || options.list || !options.remove.empty()) {
        return run_refresh_notes(options, env, out, err);
    }
    const CorpusTarget target = corpus_target(options, env);
    if (current_read_only(options, target, env)) {
        if (!options.quiet) out << "index/ is current (the install is read-only)\n";
    } else {
        const IndexReport report =
            build_or_repair_corpus(options, target.corpus, target.corpus_shown, target.index, err);
        print_warnings(report.diagnostics, err);
        if (!options.quiet) print_report(report, target.index_shown, out);
    }
    // A plain tpmindex also refreshes every registered notes folder, and repairs their index.
    if (options.index.empty() && options.corpus.empty() && env.notes_index) {
        return run_refresh_notes(options, env, out, err);
    }
    return 0;
}

int tpmindex_main(const std::vector<std::string>& args, const Environment& env, std::ostream& out,
                  std::ostream& err) {
    CLI::App app{"", "tpmindex"};
    IndexOptions options;
    setup_index(app, options);
    return parse_and_run(app, args, out, err, [&] { return run_index(options, env, out, err); });
}

namespace {

std::string shown_path(const std::filesystem::path& p) {
    return text::printable(p.string(), text::Controls::neutralise);
}

// Whether `dir` is a notes index: it has a registry file, or its tables record folders.
bool is_notes_index(const std::filesystem::path& dir, const Environment& env) {
    std::error_code ec;
    if (env.notes_index && std::filesystem::weakly_canonical(dir, ec) ==
                               std::filesystem::weakly_canonical(*env.notes_index, ec)) {
        return true;
    }
    return std::filesystem::exists(dir / schema::kNotesRegistryFileName, ec);
}

// Rebuilds the notes index in `index_dir` from its registered folders and swaps it in.
int rebuild_notes_index(const IndexOptions& options, const Environment& env,
                        const std::filesystem::path& index_dir, std::ostream& out,
                        std::ostream& err) {
    std::vector<Diagnostic> taxonomy_problems;
    const Taxonomy taxonomy = notes_taxonomy(env, taxonomy_problems);
    const InterruptGuard guard;
    const NotesReport report =
        rebuild_notes(notes_indexing(options, env, index_dir, taxonomy, err));
    print_warnings(report.diagnostics, err);
    if (report.interrupted) {
        err << "tpmindex: interrupted; the notes index in " << shown_path(index_dir)
            << " is left as it was, run tpmindex --rebuild again to rebuild it\n";
        return kExitInterrupted;
    }
    if (!options.quiet) {
        out << "rebuilt the notes index in " << shown_path(index_dir) << ": ";
        print_notes_report(report, out);
    }
    return 0;
}

IndexReport rebuild_corpus(const IndexOptions& options, const std::filesystem::path& corpus,
                           const std::string& display, const std::filesystem::path& index,
                           std::ostream& err) {
    return rebuild_corpus_index(corpus, display, index, !options.no_wait, lock_notice(err, index));
}

int run_rebuild(const IndexOptions& options, const Environment& env, std::ostream& out,
                std::ostream& err) {
    if (!options.paths.empty() || options.list || !options.remove.empty()) {
        throw Error(ErrorCode::io,
                    "--rebuild takes no folders and goes with neither --list nor --remove");
    }
    if (!options.index.empty() && options.corpus.empty() && is_notes_index(options.index, env)) {
        return rebuild_notes_index(options, env, options.index, out, err);
    }
    const CorpusTarget target = corpus_target(options, env);
    const IndexReport report =
        rebuild_corpus(options, target.corpus, target.corpus_shown, target.index, err);
    print_warnings(report.diagnostics, err);
    if (!options.quiet) {
        out << "rebuilt: ";
        print_report(report, target.index_shown, out);
    }
    if (!options.index.empty() || !options.corpus.empty() || !env.notes_index) return 0;
    const std::optional<std::vector<std::string>> roots = registered_notes_roots(*env.notes_index);
    if (!roots || roots->empty()) return 0;
    return rebuild_notes_index(options, env, *env.notes_index, out, err);
}

// tpmindex with folders, --list or --remove, and the notes part of a plain tpmindex. A notes
// index that is damaged, or gone while its registry file lists folders, is never refreshed as if
// it were whole (a damaged block would hide behind "unchanged"): a plain tpmindex rebuilds it,
// the other forms fail naming tpmindex --rebuild.
int run_refresh_notes(const IndexOptions& options, const Environment& env, std::ostream& out,
                      std::ostream& err) {
    const std::filesystem::path index_dir = !options.index.empty()
                                                ? std::filesystem::path(options.index)
                                            : env.notes_index ? *env.notes_index
                                                              : std::filesystem::path();
    const bool plain = options.paths.empty() && !options.list && options.remove.empty();
    if (index_dir.empty()) return run_notes(options, env, out, err);
    const std::string rebuild = options.index.empty()
                                    ? "tpmindex --rebuild"
                                    : "tpmindex --rebuild --index " + options.index;
    std::optional<std::string> damage = index_damage(index_dir);
    const std::optional<std::vector<std::string>> roots = registered_notes_roots(index_dir);
    if (!damage && !index_exists(index_dir) && roots && !roots->empty()) {
        damage = "it is missing";
    }
    if (damage && plain) {
        if (!roots || roots->empty()) {
            throw Error(ErrorCode::index_corrupt,
                        "the notes index in " + index_dir.string() + " is damaged (" + *damage +
                            ") and lists no folder to rebuild it from; index your folders "
                            "again with: tpmindex FOLDER");
        }
        err << "tpmindex: the notes index in " << shown_path(index_dir) << " cannot be used ("
            << text::printable(*damage, text::Controls::neutralise) << "); rebuilding it from "
            << roots->size()
            << (roots->size() == 1 ? " registered folder\n" : " registered folders\n");
        return rebuild_notes_index(options, env, index_dir, out, err);
    }
    if (plain && (!roots || roots->empty())) return 0;
    if (damage) {
        throw Error(ErrorCode::index_corrupt, "the notes index in " + index_dir.string() +
                                                  " is damaged (" + *damage + "); " + rebuild +
                                                  " rebuilds it from its registered folders");
    }
    return run_notes(options, env, out, err);
}

IndexReport build_or_repair_corpus(const IndexOptions& options, const std::filesystem::path& corpus,
                                   const std::string& display, const std::filesystem::path& index,
                                   std::ostream& err) {
    if (options.index.empty()) {
        if (const std::optional<std::string> damage = index_damage(index)) {
            err << "tpmindex: the index in index/ cannot be used ("
                << text::printable(*damage, text::Controls::neutralise)
                << "); rebuilding it from corpus/\n";
            return rebuild_corpus(options, corpus, display, index, err);
        }
    }
    if (!options.no_wait && index_locked(index)) lock_notice(err, index)();
    try {
        return build_corpus_index(corpus, display, index, !options.no_wait);
    } catch (const Error& e) {
        if (e.code() == ErrorCode::index_locked || !index_damage(index)) throw;
        throw Error(e.code(),
                    std::string(e.what()) + " (the index is damaged; " +
                        (options.index.empty() ? "tpmindex --rebuild"
                                               : "tpmindex --rebuild --index " + options.index) +
                        " rebuilds it)");
    }
}

}  // namespace

}  // namespace tpm::cli
