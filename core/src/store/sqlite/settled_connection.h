// The SQLite store's connection, whose writes may run on a thread of their own during a batch,
// so that SQLite writes one record's rows while the store's caller prepares the next (its
// events, hashes, quantities, near-duplicate buckets): the two cores both work.
//
// Queuing is turned on for one write transaction (Queue) and off at its end (Stop, Discard).
// While it is on, Write adds a write to those gathered, HandOver (at the end of each record)
// gives them to the thread once they are many, and every other use of the connection (through
// -> or *) first waits until the thread has run all it was given (Settle): a read then sees
// every write before it, and the connection is never used by two threads at once. The one
// exception is a read made alongside the writes (Alongside), which holds the connection between
// two hand-overs the thread runs and may miss the writes not yet run. The first error of a write
// is thrown by the next HandOver or Settle, and the transaction is then rolled back: nothing of
// it is committed.
#ifndef CLAIMLEDGER_STORE_SQLITE_SETTLED_CONNECTION_H_
#define CLAIMLEDGER_STORE_SQLITE_SETTLED_CONNECTION_H_

#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "store/sqlite/connection.h"

namespace claimledger {

class SettledConnection {
 public:
  explicit SettledConnection(std::unique_ptr<Connection> connection);
  // Forgets what was not written and stops the thread.
  ~SettledConnection();
  SettledConnection(const SettledConnection&) = delete;
  SettledConnection& operator=(const SettledConnection&) = delete;

  // The connection, once the thread has run every write it was given.
  Connection* operator->() {
    Settle();
    return connection_.get();
  }
  Connection& operator*() {
    Settle();
    return *connection_;
  }

  // Whether writes are queued.
  bool queuing() const { return queuing_; }
  // How many times writes were handed to the thread. A write added since the count last changed
  // has not run: what it holds through a pointer may still be changed by the caller's thread.
  std::uint64_t hand_overs() const { return hand_overs_; }
  // Queues the writes from now on (the thread starts the first time). Does nothing in a process
  // made by fork() from the one that started the thread, which the child does not have.
  void Queue();
  // Runs `write(connection, values...)`: at once when not queuing; else later, on the thread, with
  // copies of `values` (moved when given as rvalues; `write` must capture nothing that the
  // caller's next steps change).
  template <typename Function, typename... Values>
  void Write(Function write, Values&&... values) {
    if (!queuing_) {
      write(*connection_, values...);
      return;
    }
    record_.push_back([write, copies = std::make_tuple(std::forward<Values>(values)...)](
                          Connection& connection) mutable {
      std::apply([&](auto&... copy) { write(connection, copy...); }, copies);
    });
  }
  // A record is written whole: gives the writes added since the last hand-over to the thread
  // when they are many (waiting while it has much still to write). Throws the error of an
  // earlier write that failed.
  void HandOver();
  // Waits until the thread has run every write; throws the first error of them.
  void Settle() {
    if (queuing_ && !alongside_) WaitForWrites();
  }
  // Settles, then writes at once again.
  void Stop();
  // Forgets the writes not yet run and their error, and writes at once again (a rollback).
  void Discard() noexcept;

  // Holds the connection for a read alongside the queued writes, until it is destroyed; the
  // read may miss writes not yet run. When not queuing it holds nothing.
  class Alongside {
   public:
    explicit Alongside(SettledConnection& connection);
    ~Alongside();
    Alongside(const Alongside&) = delete;
    Alongside& operator=(const Alongside&) = delete;

   private:
    SettledConnection& connection_;
    std::unique_lock<std::mutex> lock_;
  };

 private:
  using Writes = std::vector<std::function<void(Connection&)>>;

  void HandOverAll();  // HandOver, however few the writes
  void WaitForWrites();
  void Run();  // the thread

  std::unique_ptr<Connection> connection_;
  bool queuing_ = false;    // the caller's thread only
  bool alongside_ = false;  // likewise: a read alongside is under way
  Writes record_;           // the writes not yet handed over
  std::uint64_t hand_overs_ = 0;

  std::mutex mutex_;                                  // guards what follows
  std::unique_ptr<std::condition_variable> changed_;  // made with the thread
  std::deque<Writes> records_;                        // handed over, not yet run
  std::vector<Writes> written_;                       // run, to be freed by the caller's thread
  bool running_ = false;                              // the thread is running what was handed over
  bool stop_ = false;
  std::exception_ptr error_;  // of the first write that failed

  std::mutex writing_;  // held by the thread while it writes, and by a read alongside
  std::atomic<int> readers_waiting_{0};
  pid_t owner_ = 0;  // the process that started the thread
  std::unique_ptr<std::thread> thread_;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_SQLITE_SETTLED_CONNECTION_H_
