// The per-host ceiling on password hashes (server/hash_slots.hpp). Slots are record locks that
// belong to a process, so these tests hold them from forked children, as workers would.

#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "server/hash_slots.hpp"
#include "service_error_text.hpp"
#include "test_support.hpp"

using namespace accountd;
using namespace std::chrono_literals;
using testing::refusal;

namespace {

/// A forked process that takes one slot of `file` and holds it until killed.
class Holder {
  public:
    Holder(const server::HashSlotFile& file, int slots) {
        int ready[2];
        BOOST_REQUIRE(::pipe(ready) == 0);
        pid_ = ::fork();
        BOOST_REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::close(ready[0]);
            services::SteadyPacer pacer;
            server::HashSlots gate(file.fd(), slots, 0ms, pacer);
            char ok = 'n';
            try {
                gate.enter();
                ok = 'y';
            } catch (...) {
            }
            (void)::write(ready[1], &ok, 1);
            while (true)
                ::pause();
        }
        ::close(ready[1]);
        char ok = 'n';
        BOOST_REQUIRE(::read(ready[0], &ok, 1) == 1);
        ::close(ready[0]);
        took_ = ok == 'y';
    }
    ~Holder() { kill(); }
    Holder(const Holder&) = delete;
    Holder& operator=(const Holder&) = delete;

    bool took() const { return took_; }
    /// As a worker killed in the middle of a hash.
    void kill() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }

  private:
    pid_t pid_ = -1;
    bool took_ = false;
};

/// Monotonic time that moves only when waited on, so no test sleeps.
class SteppingPacer final : public services::Pacer {
  public:
    services::Instant now() const override { return now_; }
    void sleep_until(services::Instant when) const override {
        ++sleeps;
        if (when > now_) now_ = when;
    }
    mutable int sleeps = 0;
    const services::Instant start = services::Instant(std::chrono::seconds(1000));

  private:
    mutable services::Instant now_ = start;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(hash_slots)

BOOST_AUTO_TEST_CASE(past_the_ceiling_a_hash_waits_its_time_then_is_refused_busy) {
    server::HashSlotFile file;
    Holder first(file, 2);
    Holder second(file, 2);
    BOOST_TEST(first.took());
    BOOST_TEST(second.took());
    SteppingPacer pacer;
    server::HashSlots gate(file.fd(), 2, 250ms, pacer);
    BOOST_TEST(refusal([&] { gate.enter(); }) == "busy: 1");
    // It tried again while it waited, and gave up at its deadline, not before nor after.
    BOOST_TEST(pacer.sleeps > 1);
    BOOST_TEST((pacer.now() == pacer.start + 250ms));
}

BOOST_AUTO_TEST_CASE(a_slot_below_the_ceiling_is_taken_at_once_and_given_back) {
    server::HashSlotFile file;
    Holder first(file, 2);
    SteppingPacer pacer;
    server::HashSlots gate(file.fd(), 2, 0ms, pacer);
    BOOST_TEST(refusal([&] { gate.enter(); }) == "no error");
    BOOST_TEST(pacer.sleeps == 0);
    // Both slots are taken now: a third process is refused, until this one leaves.
    Holder third(file, 2);
    BOOST_TEST(!third.took());
    gate.leave();
    Holder fourth(file, 2);
    BOOST_TEST(fourth.took());
}

BOOST_AUTO_TEST_CASE(a_worker_killed_while_it_holds_a_slot_frees_it) {
    server::HashSlotFile file;
    Holder worker(file, 1);
    BOOST_TEST(worker.took());
    SteppingPacer pacer;
    server::HashSlots gate(file.fd(), 1, 0ms, pacer);
    BOOST_TEST(refusal([&] { gate.enter(); }) == "busy: 1");
    worker.kill();  // mid-hash: it never called leave
    BOOST_TEST(refusal([&] { gate.enter(); }) == "no error");
    gate.leave();
}

BOOST_AUTO_TEST_SUITE_END()
