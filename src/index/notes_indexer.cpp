#include "index/notes_indexer.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "ingest/file_reader.h"
#include "ingest/notes.h"
#include "model/error.h"
#include "store/database.h"
#include "store/index_repair.h"
#include "store/notes_registry.h"
#include "store/notes_writer.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "store/stored_records.h"
#include "store/xapian_error.h"
#include "text/decode.h"
#include "topics/tagger.h"

namespace tpm {

namespace {

namespace fs = std::filesystem;

// A file is under `root` when it is the root or lies in the root folder.
bool under(const std::string& path, const std::string& root) {
    if (path == root) return true;
    const std::string folder = root.ends_with('/') ? root : root + "/";
    return path.starts_with(folder);
}

// How the notes index is opened for writing: an index of an older schema is rebuilt, and a
// writer that must wait for another says so first.
WriterOptions writer_options(const NotesIndexOptions& options) {
    if (options.wait_for_lock && options.waiting && index_locked(options.index_dir))
        options.waiting();
    return WriterOptions{.rebuild_on_schema_mismatch = true,
                         .wait_for_lock = options.wait_for_lock};
}

bool stopping(const NotesIndexOptions& options) {
    return options.stop && options.stop->load(std::memory_order_relaxed);
}

class Updater {
  public:
    Updater(const NotesIndexOptions& options, NotesReport& report)
        : options_(options),
          report_(report),
          writer_(options.index_dir, writer_options(options)),
          stem_(caching_stemmer()),
          tagger_(options.taxonomy ? *options.taxonomy : empty_,
                  [this](const std::string& word) { return stem_(word); }),
          maker_(stem_) {
        if (options.writing) options.writing();
        if (options.taxonomy) {
            writer_.set_metadata(schema::kTaxonomyKey, encode_taxonomy(options.taxonomy->topics()));
        }
    }

    NotesWriter& writer() { return writer_; }

    // Brings every file under `root` (as walk_notes() found them) up to date and removes the
    // records of files gone from it. Two threads: one reads, parses, tags and makes each changed
    // file's Xapian documents (the larger part of the work), while this one writes the files
    // before it, in order, so the index ends the same as with one thread. At most kMaxPrepared
    // files are prepared ahead.
    void refresh(const std::string& root, WalkResult walked,
                 std::map<std::string, FileState>& known) {
        for (Diagnostic& d : walked.skipped) report_.diagnostics.push_back(std::move(d));
        report_.skipped += walked.skipped.size();
        const ChangedFiles changed = changed_files(root, walked, known);
        if (!write_changed(root, changed, walked.files.size())) return;
        for (const auto& [path, state] : known) {
            if (state.root == root && !changed.seen.count(path)) {
                writer_.remove_file(path);
                ++report_.removed;
            }
        }
    }

  private:
    // The files of a walk that changed since they were indexed, with what the index had of each
    // (nullptr: new), and every path the walk found.
    struct ChangedFiles {
        std::vector<const FoundFile*> files;
        std::vector<const FileState*> olds;
        std::set<std::string> seen;
    };

    ChangedFiles changed_files(const std::string& root, const WalkResult& walked,
                               const std::map<std::string, FileState>& known) {
        // Files whose size and time are as recorded are counted here (a refresh is mostly
        // those); only the others are handed to the preparing thread.
        ChangedFiles changed;
        for (const FoundFile& found : walked.files) {
            const std::string path = found.path.string();
            changed.seen.insert(path);
            const auto it = known.find(path);
            const FileState* old = it == known.end() ? nullptr : &it->second;
            if (unchanged(old, found, root)) {
                ++report_.unchanged;
                continue;
            }
            changed.files.push_back(&found);
            changed.olds.push_back(old);
        }
        return changed;
    }

    // Prepares the changed files on a second thread and writes each here, in order. False when
    // a signal stopped it (what is written so far is whole files only).
    bool write_changed(const std::string& root, const ChangedFiles& changed, std::size_t total) {
        const std::size_t unchanged = total - changed.files.size();
        PreparedQueue queue;
        std::thread preparer([&] {
            for (std::size_t i = 0; i < changed.files.size(); ++i) {
                Prepared p;
                try {
                    p = prepare(*changed.files[i], root, changed.olds[i]);
                } catch (...) {
                    p.error = std::current_exception();
                }
                if (!queue.push(std::move(p))) return;
            }
        });
        // Stops and joins the preparing thread however this one leaves (a write can throw).
        struct Joiner {
            PreparedQueue& queue;
            std::thread& thread;
            ~Joiner() {
                queue.stop();
                thread.join();
            }
        } joiner{queue, preparer};
        for (std::size_t i = 0; i < changed.files.size(); ++i) {
            // Between two files: what is written so far is whole files only.
            if (stopping(options_)) {
                report_.interrupted = true;
                return false;
            }
            std::optional<Prepared> p = queue.pop([this] { return stopping(options_); });
            if (!p || p->interrupted) {
                // Stopped inside this file: it keeps what the index had of it.
                report_.diagnostics.push_back(
                    {changed.files[i]->path.string(), 0,
                     "interrupted while it was being indexed; it keeps its previous state until "
                     "tpmindex runs again"});
                report_.interrupted = true;
                return false;
            }
            if (p->error) std::rethrow_exception(p->error);
            apply(std::move(*p), changed.olds[i]);
            if (options_.progress) options_.progress(unchanged + i + 1, total);
        }
        return true;
    }

    // What to do with one file, decided and made without touching the index or the report.
    struct Prepared {
        enum class Action { unchanged, touched, skip, index } action = Action::unchanged;
        FileState state;
        std::string reason;  // why it is skipped
        std::vector<Diagnostic> diagnostics;
        bool converted = false;
        MadeSections sections;
        std::optional<SourceInfo> info;
        std::exception_ptr error;
        bool interrupted = false;  // stopped before it was made: not to be written
    };

    // The prepared files between the two threads, in order.
    class PreparedQueue {
      public:
        static constexpr std::size_t kMaxPrepared = 4;
        static constexpr std::chrono::milliseconds kPoll{50};
        bool push(Prepared p) {
            std::unique_lock<std::mutex> lock(mutex_);
            changed_.wait(lock, [&] { return stopped_ || queue_.size() < kMaxPrepared; });
            if (stopped_) return false;
            queue_.push_back(std::move(p));
            changed_.notify_all();
            return true;
        }
        // The next file, or nothing once `stopping()` says so: a file can take seconds to
        // prepare, and a signal handler cannot wake a condition variable, so the wait looks at
        // the flag every kPoll.
        template <typename Stopping>
        std::optional<Prepared> pop(Stopping stopping) {
            std::unique_lock<std::mutex> lock(mutex_);
            while (!changed_.wait_for(lock, kPoll, [&] { return !queue_.empty(); })) {
                if (stopping()) return std::nullopt;
            }
            Prepared p = std::move(queue_.front());
            queue_.pop_front();
            changed_.notify_all();
            return p;
        }
        void stop() {
            const std::lock_guard<std::mutex> lock(mutex_);
            stopped_ = true;
            changed_.notify_all();
        }

      private:
        std::mutex mutex_;
        std::condition_variable changed_;
        std::deque<Prepared> queue_;
        bool stopped_ = false;
    };

    // A file as it was when indexed (size, time and folder), in an index that need not be
    // rebuilt: counted, never read.
    bool unchanged(const FileState* old, const FoundFile& found, const std::string& root) const {
        return old && !reindex_ && old->size == found.size && old->mtime_ns == found.mtime_ns &&
               old->root == root;
    }

    // Runs on the preparing thread: uses only tagger_, maker_ and stem_, which this thread
    // alone touches while a refresh runs.
    Prepared prepare(const FoundFile& found, const std::string& root, const FileState* old) {
        Prepared p;
        const std::string path = found.path.string();
        p.state = FileState{path, root, found.size, found.mtime_ns, "", 0};
        // A stop is looked at before each step below and inside making the sections: each
        // step of a 10 MB file takes a fraction of a second, the whole file several.
        if (stopping(options_)) return interrupted(std::move(p));
        // refresh() hands over only the files that are not unchanged().
        std::string why;
        const std::optional<std::string> bytes = read_bytes(found.path, &why);
        if (!bytes) return skipped(std::move(p), "cannot be read (" + why + "); skipped");
        p.state.hash = content_hash(*bytes);
        if (old && !reindex_ && old->hash == p.state.hash) {
            // Touched, not changed: remember the new size and time so the next refresh is a stat.
            p.state.documents = old->documents;
            p.action = Prepared::Action::touched;
            return p;
        }
        if (stopping(options_)) return interrupted(std::move(p));
        const text::Decoded decoded = text::decode_text(*bytes);
        if (!decoded.ok) return skipped(std::move(p), decoded.reason + "; skipped");
        if (decoded.converted) {
            p.converted = true;
            p.diagnostics.push_back(
                {path, 0, "read as " + decoded.encoding + " and converted to UTF-8"});
        }
        IngestResult parsed =
            parse_note(NoteFile{decoded.text, path, note_id_prefix(path), found.markdown});
        for (Diagnostic& d : parsed.diagnostics) p.diagnostics.push_back(std::move(d));
        if (!parsed.sources.empty()) p.info = std::move(parsed.sources.front());
        const std::vector<std::string> no_tags;
        for (Document& doc : parsed.docs) {
            if (stopping(options_)) return interrupted(std::move(p));
            tagger_.tag_document(doc, p.info ? p.info->tags : no_tags);
        }
        p.sections = maker_.make(std::move(parsed.docs), options_.stop);
        p.interrupted = p.sections.stopped;
        p.action = Prepared::Action::index;
        return p;
    }

    static Prepared interrupted(Prepared p) {
        p.interrupted = true;
        return p;
    }

    static Prepared skipped(Prepared p, std::string reason) {
        p.action = Prepared::Action::skip;
        p.reason = std::move(reason);
        return p;
    }

    // Runs on this thread: writes what `prepare` decided and counts it.
    void apply(Prepared p, const FileState* old) {
        for (Diagnostic& d : p.diagnostics) report_.diagnostics.push_back(std::move(d));
        switch (p.action) {
            case Prepared::Action::unchanged:
                ++report_.unchanged;
                return;
            case Prepared::Action::touched:
                writer_.update_state(p.state);
                ++report_.unchanged;
                return;
            case Prepared::Action::skip:
                skip(p.state.path, old, p.reason);
                return;
            case Prepared::Action::index:
                if (p.converted) ++report_.converted;
                writer_.replace_file(p.state, p.sections, p.info ? &*p.info : nullptr);
                report_.documents += p.sections.docs.size();
                ++(old ? report_.changed : report_.added);
                return;
        }
    }

    // A file that cannot be indexed now loses what an earlier version of it put in the index.
    void skip(const std::string& path, const FileState* old, const std::string& reason) {
        report_.diagnostics.push_back({path, 0, reason});
        ++report_.skipped;
        if (old) {
            writer_.remove_file(path);
            ++report_.removed;
        }
    }

    const NotesIndexOptions& options_;
    NotesReport& report_;
    NotesWriter writer_;
    // The index was made by an older tpmindex: every file is indexed again (NotesWriter).
    const bool reindex_ = writer_.terms_outdated();
    Xapian::Stem stem_;
    const Taxonomy empty_;
    Tagger tagger_;
    SectionMaker maker_;
};

// The form a root is registered in: resolved (symlinks and all), so a folder reached through a
// link is registered once. Throws tpm::Error(io) for a path that is not there, is neither a
// folder nor a file (a FIFO, a device), or is a system folder (walk.h).
std::string registration_form(const std::string& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found) {
        throw Error(ErrorCode::io, "cannot index " + path + ": no such file or folder");
    }
    if (!ec && !fs::is_directory(status) && !fs::is_regular_file(status)) {
        throw Error(ErrorCode::io, "cannot index " + path + ": neither a folder nor a file");
    }
    fs::path canonical;
    if (!ec) canonical = fs::canonical(path, ec);
    if (ec) throw Error(ErrorCode::io, "cannot index " + path + ": " + ec.message());
    if (const std::string why = system_folder(canonical); !why.empty()) {
        throw Error(ErrorCode::io, "cannot index " + path + ": " + why);
    }
    return canonical.string();
}

// Whether two paths name one existing folder or file (symlinks resolved).
bool same_folder(const std::string& a, const std::string& b) {
    if (a == b) return true;
    std::error_code ec_a;
    std::error_code ec_b;
    const fs::path ca = fs::canonical(a, ec_a);
    const fs::path cb = fs::canonical(b, ec_b);
    return !ec_a && !ec_b && ca == cb;
}

// Walks the registered folder `root` for a plain refresh. A folder that is gone, cannot be read
// or is the same as one walked before (`walked_roots`, registered twice under two spellings)
// is a warning and nullopt: its notes stay in the index, and the other folders are still
// refreshed.
std::optional<WalkResult> walk_registered(const std::string& root,
                                          std::vector<std::string>& walked_roots,
                                          const NotesIndexOptions& options, NotesReport& report) {
    std::error_code ec;
    if (fs::status(root, ec).type() == fs::file_type::not_found) {
        report.diagnostics.push_back(
            {root, 0,
             "registered notes folder is missing (moved or deleted?); its notes stay in the "
             "index until you run: tpmindex --remove " +
                 root});
        return std::nullopt;
    }
    for (const std::string& earlier : walked_roots) {
        if (same_folder(earlier, root)) {
            report.diagnostics.push_back(
                {root, 0,
                 "the same folder as " + earlier +
                     ", registered twice; refreshed once (tpmindex --remove " + root +
                     " unregisters this one)"});
            return std::nullopt;
        }
    }
    try {
        WalkResult walked = walk_notes(root, options.walk);
        walked_roots.push_back(root);
        return walked;
    } catch (const Error& e) {
        report.diagnostics.push_back({root, 0,
                                      std::string(e.what()) +
                                          "; its notes stay in the index (tpmindex --remove " +
                                          root + " unregisters it)"});
        return std::nullopt;
    }
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

NotesReport update_notes(const NotesIndexOptions& options, const std::vector<std::string>& roots) {
    const auto started = std::chrono::steady_clock::now();
    NotesReport report;
    Updater updater(options, report);
    std::vector<std::string> registered = updater.writer().roots();
    // Every named root is checked and walked before any is recorded: one that cannot be
    // indexed (missing, a device, a FIFO, /proc) throws here and is never registered.
    std::vector<std::pair<std::string, WalkResult>> named;
    for (const std::string& path : roots) {
        std::string root = registration_form(path);
        if (const auto it =
                std::find_if(registered.begin(), registered.end(),
                             [&](const std::string& r) { return same_folder(r, root); });
            it != registered.end()) {
            root = *it;  // registered before, maybe under another spelling: kept as it was
        } else {
            registered.push_back(root);
        }
        if (std::any_of(named.begin(), named.end(),
                        [&](const auto& n) { return n.first == root; })) {
            continue;
        }
        WalkResult walked = walk_notes(root, options.walk);
        named.emplace_back(std::move(root), std::move(walked));
    }
    updater.writer().set_roots(registered);
    std::map<std::string, FileState> known = updater.writer().files();
    // Whether every registered folder was indexed again: only then is the index current.
    bool all = true;
    if (roots.empty()) {
        std::vector<std::string> walked_roots;
        for (const std::string& root : registered) {
            if (stopping(options)) break;
            std::optional<WalkResult> walked = walk_registered(root, walked_roots, options, report);
            if (!walked) {
                all = false;
                continue;
            }
            updater.refresh(root, std::move(*walked), known);
            if (report.interrupted) break;
        }
    } else {
        for (auto& [root, walked] : named) {
            if (stopping(options)) break;
            updater.refresh(root, std::move(walked), known);
            if (report.interrupted) break;
        }
        all = std::all_of(registered.begin(), registered.end(), [&](const std::string& r) {
            return std::any_of(named.begin(), named.end(),
                               [&](const auto& n) { return n.first == r; });
        });
    }
    if (stopping(options)) report.interrupted = true;
    if (all && !report.interrupted) updater.writer().terms_updated();
    updater.writer().commit();
    report.seconds = seconds_since(started);
    return report;
}

NotesReport remove_notes_root(const NotesIndexOptions& options, const std::string& path) {
    const auto started = std::chrono::steady_clock::now();
    NotesReport report;
    NotesWriter writer(options.index_dir, writer_options(options));
    if (options.writing) options.writing();
    std::vector<std::string> registered = writer.roots();
    // As the user spells it, or resolved (it is registered resolved), or any registration of
    // the same folder under another spelling.
    auto it = std::find(registered.begin(), registered.end(), path);
    if (it == registered.end()) {
        it = std::find_if(registered.begin(), registered.end(),
                          [&](const std::string& r) { return same_folder(r, path); });
    }
    if (it == registered.end()) {
        throw Error(ErrorCode::not_found,
                    path + " is not a registered notes folder; tpmindex --list shows them");
    }
    const std::string root = *it;
    std::vector<std::string> files;
    for (const auto& [file, state] : writer.files()) {
        if (state.root == root || under(file, root)) files.push_back(file);
    }
    for (const std::string& file : files) {
        // Between two files: the folder stays registered, with the files not yet removed, until
        // a later --remove finishes the job.
        if (stopping(options)) {
            report.interrupted = true;
            report.remaining = files.size() - report.removed;
            break;
        }
        writer.remove_file(file);
        ++report.removed;
    }
    if (!report.interrupted) {
        registered.erase(it);
        writer.set_roots(registered);
    }
    writer.commit();
    report.seconds = seconds_since(started);
    return report;
}

std::vector<RootSummary> list_notes_roots(const std::filesystem::path& index_dir) {
    if (!index_exists(index_dir)) return {};
    const Xapian::Database db = open_index(index_dir);
    std::vector<RootSummary> out;
    const std::map<std::string, FileState> files = notes_files(db);
    for (const std::string& root : notes_roots(db)) {
        RootSummary summary{root, 0, 0};
        for (const auto& [path, state] : files) {
            if (state.root != root) continue;
            ++summary.files;
            summary.documents += state.documents;
        }
        out.push_back(std::move(summary));
    }
    return out;
}

std::optional<std::vector<std::string>> registered_notes_roots(
    const std::filesystem::path& index_dir) {
    if (index_exists(index_dir)) {
        try {
            // Any schema: an index of an older tpmindex still says which folders it holds.
            return notes_roots(detail::xapian_call(ErrorCode::index_corrupt, "", [&] {
                return Xapian::Database(index_dir.string(), Xapian::DB_BACKEND_GLASS);
            }));
        } catch (const Error&) {
            // Damaged tables: the registry file below still knows.
        }
    }
    return read_notes_registry(index_dir);
}

NotesReport rebuild_notes(const NotesIndexOptions& options) {
    const std::optional<std::vector<std::string>> roots = registered_notes_roots(options.index_dir);
    if (!roots || roots->empty()) {
        throw Error(ErrorCode::not_found, "no notes folder is registered in " +
                                              options.index_dir.string() +
                                              "; index one with: tpmindex FOLDER");
    }
    NotesReport report;
    NotesIndexOptions fresh_options = options;
    rebuild_index(
        options.index_dir,
        [&](const std::filesystem::path& fresh) {
            fresh_options.index_dir = fresh;
            report = update_notes(fresh_options, *roots);
            return !report.interrupted;
        },
        LockWait{options.wait_for_lock, {}, options.waiting});
    return report;
}

}  // namespace tpm
