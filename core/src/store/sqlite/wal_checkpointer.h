// Copies a ledger file's write-ahead log into the file on a thread of its own, so that a
// writer goes on with its next transaction instead of waiting for the copy (a checkpoint).
//
// Left to itself, SQLite copies the log in the call that commits once the log holds 1,000 pages
// or more: every batch of a large load waited for the pages it wrote to be written a second
// time and synced. A WalCheckpointer takes over the writer connection's commit hook: such a
// commit only asks its thread to copy the log (a passive checkpoint, on a connection of its own
// to the same file, which SQLite lets run while a writer appends), and the machine's second core
// does the copying. Nothing committed depends on it: the log holds every commit until it is
// copied, and a crash during a copy leaves the log to be copied again.
//
// The log starts again from its beginning only when a transaction begins after a copy took all
// of it, which a writer that never waits seldom sees; so once the log holds `writer_pages`
// pages, the commit waits for the copy under way and copies the rest itself (as SQLite would
// have), and the log starts again at the next transaction. A process made by fork() from the
// one that made the thread (which the child does not have) copies in the commit, as SQLite does.
#ifndef CLAIMLEDGER_STORE_SQLITE_WAL_CHECKPOINTER_H_
#define CLAIMLEDGER_STORE_SQLITE_WAL_CHECKPOINTER_H_

#include <sqlite3.h>
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

namespace claimledger {

class WalCheckpointer {
 public:
  // From this many pages in the log a commit asks for a copy (SQLite's own threshold).
  static constexpr int kCopyPages = 1000;
  // From this many (1 GiB of 4 KiB pages) the commit waits for the copy and completes it.
  static constexpr int kWriterPages = 262144;

  // Installs itself as the commit hook of `writer`, a connection writing the ledger file at
  // `path`; the thread starts at the first commit that needs a copy.
  WalCheckpointer(sqlite3* writer, const std::string& path, int writer_pages = kWriterPages);
  // Waits for a copy under way, stops the thread and gives the hook back to SQLite.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // How many copies the thread has made (for the tests).
  std::int64_t Copies() const;

 private:
  struct Thread;  // the thread, its connection, and what it was asked

  static int OnCommit(void* self, sqlite3* db, const char* name, int pages);
  void Committed(sqlite3* db, int pages);
  void StartThread();  // opens the thread's connection; on failure leaves thread_ empty

  sqlite3* writer_;
  std::string path_;  // the file, until the thread is started (or failed to)
  int writer_pages_;
  pid_t owner_;                     // the process whose thread it is
  std::unique_ptr<Thread> thread_;  // started by the first commit that asks for a copy
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_SQLITE_WAL_CHECKPOINTER_H_
