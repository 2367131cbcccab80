// index/notes_updater.h: internal to index/. The notes refresh pipeline behind update_notes()
// and rebuild_notes() (notes_indexer.cpp): which files changed, and a second thread that reads,
// parses, tags and makes each one's documents while this one writes them in order.
// May include model/, text/, topics/, ingest/, store/, Xapian.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "index/notes_indexer.h"
#include "ingest/file_reader.h"
#include "ingest/hashtags.h"
#include "ingest/notes.h"
#include "ingest/walk.h"
#include "model/error.h"
#include "store/database.h"
#include "store/notes_writer.h"
#include "store/schema.h"
#include "store/stemmer.h"
#include "store/stored_records.h"
#include "text/decode.h"
#include "topics/tagger.h"

namespace tpm::detail {

// A file is under `root` when it is the root or lies in the root folder.
inline bool under(const std::string& path, const std::string& root) {
    if (path == root) return true;
    const std::string folder = root.ends_with('/') ? root : root + "/";
    return path.starts_with(folder);
}

// How the notes index is opened for writing: an index of an older schema is rebuilt, and a
// writer that must wait for another says so first.
inline WriterOptions writer_options(const NotesIndexOptions& options) {
    if (options.wait_for_lock && options.waiting && index_locked(options.index_dir))
        options.waiting();
    return WriterOptions{.rebuild_on_schema_mismatch = true,
                         .wait_for_lock = options.wait_for_lock};
}

inline bool stopping(const NotesIndexOptions& options) {
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
        roots_ = writer_.roots();
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
        for (const int line : decoded.replaced_lines) {
            p.diagnostics.push_back({path, line, "not UTF-8; the bad bytes read as U+FFFD"});
        }
        IngestResult parsed = parse_note(
            NoteFile{decoded.text, path, note_id_base(roots_, root, path), found.markdown});
        for (Diagnostic& d : parsed.diagnostics) p.diagnostics.push_back(std::move(d));
        for (Document& doc : parsed.docs) doc.id = stored_note_id(doc.id);
        if (!parsed.sources.empty()) p.info = std::move(parsed.sources.front());
        add_hashtags(decoded.text, found.markdown, parsed.docs);
        for (Document& doc : parsed.docs) {
            if (stopping(options_)) return interrupted(std::move(p));
            // The file's tags, then the section's own #hashtags.
            std::vector<std::string> tags = p.info ? p.info->tags : std::vector<std::string>{};
            tags.insert(tags.end(), doc.tags.begin(), doc.tags.end());
            tagger_.tag_document(doc, tags);
        }
        p.sections = maker_.make(std::move(parsed.docs), options_.stop, root);
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
    // The registered folders, which name the ids (note_id_base); read by the preparing thread.
    std::vector<std::string> roots_;
    Tagger tagger_;
    SectionMaker maker_;
};

// The form a root is registered in: resolved (symlinks and all), so a folder reached through a
// link is registered once. Throws tpm::Error(io) for a path that is not there, is neither a
// folder nor a file (a FIFO, a device), or is a system folder (walk.h).

}  // namespace tpm::detail
