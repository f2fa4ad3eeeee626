// The accountd binary's commands against the test database.

#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "db_fixture.hpp"

using namespace accountd;

namespace {

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct CliFixture : testing::DbFixture {
    std::string dir;
    std::string config;

    CliFixture() {
        char name[] = "/tmp/accountd-cli-XXXXXX";
        dir = mkdtemp(name);
        config = dir + "/accountd.conf";
        write_config("");
    }
    ~CliFixture() {
        std::error_code ignored;  // a destructor must not throw; a leftover temp dir is harmless
        std::filesystem::remove_all(dir, ignored);
    }

    // The URL holds the database password, so the file must be private (as accountd checks).
    void write_config(const std::string& extra) {
        std::ofstream(config) << "[database]\nurl = "
                              << testing::require_env("ACCOUNTD_TEST_DB_URL")
                              << "\n[secrets]\nfile = " << dir << "/none.conf\n"
                              << extra;
        ::chmod(config.c_str(), 0600);
    }

    // The binary, with the server key in the environment; stdin from `input`.
    CommandResult run(const std::string& args, const std::string& input = "") {
        std::ofstream(dir + "/stdin") << input;
        const std::string command = "ACCOUNTD_SERVER_KEY=" + std::string(64, 'c') + " '" +
                                    testing::require_env("ACCOUNTD_TEST_BINARY") + "' " + args +
                                    " <'" + dir + "/stdin' >'" + dir + "/stdout' 2>'" + dir +
                                    "/stderr'";
        const int status = std::system(command.c_str());
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(dir + "/stdout"),
                slurp(dir + "/stderr")};
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli, CliFixture)

BOOST_AUTO_TEST_CASE(check_config_accepts_a_valid_file) {
    const auto r = run("check-config --config " + config);
    BOOST_TEST(r.exit_code == 0);
    BOOST_TEST(r.out.find("ok:") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(check_config_refuses_a_bad_value_naming_the_key) {
    write_config("[server]\nworkers = lots\n");
    const auto r = run("check-config --config " + config);
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("server.workers") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(check_config_refuses_an_unknown_key) {
    write_config("[session]\nidle = 5\n");
    const auto r = run("check-config --config " + config);
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("session.idle") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(migrate_is_idempotent_and_reports_the_version) {
    testing::drop_all_tables(database);
    const auto first = run("migrate --config " + config);
    BOOST_TEST(first.exit_code == 0, first.err);
    BOOST_TEST(first.out.find("applied 1_users_and_sessions") != std::string::npos);
    const auto second = run("migrate --config " + config);
    BOOST_TEST(second.exit_code == 0);
    BOOST_TEST(second.out.find("applied") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(migrate_refuses_a_database_ahead_of_the_binary) {
    database.sql() << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'x', "
                      "UTC_TIMESTAMP())";
    const auto r = run("migrate --config " + config);
    BOOST_TEST(r.exit_code == 1);
    BOOST_TEST(r.err.find("version 999") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(user_create_reads_the_password_from_stdin_and_stores_argon2id) {
    const auto name = unique("cli");
    const auto r =
        run("user create --config " + config + " --email " + name + "@example.com --username " +
                name + " --first-name Ada --last-name L --admin --password-stdin",
            "a long cli password\n");
    BOOST_TEST(r.exit_code == 0, r.err);
    std::string hash;
    int admin = 0;
    database.sql() << "SELECT password_hash, root_admin FROM users WHERE username = :u",
        soci::use(name), soci::into(hash), soci::into(admin);
    BOOST_TEST(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1,keyid=p1$"));
    BOOST_TEST(admin == 1);
    BOOST_TEST(r.out.find("a long cli password") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(user_create_refuses_bad_input_and_duplicates) {
    const auto name = unique("dup");
    const std::string base =
        "user create --config " + config + " --username " + name + " --password-stdin";
    const std::string email = " --email " + name + "@example.com";
    BOOST_TEST(run(base + email, "short\n").exit_code == 2);
    const auto guessable = run(base + email, "Dragonfly2024!!\n");
    BOOST_TEST(guessable.exit_code == 2);
    BOOST_TEST(guessable.err.find("too easy to guess") != std::string::npos, guessable.err);
    BOOST_TEST(run(base + " --email not-an-email", "long enough password\n").exit_code == 2);
    BOOST_TEST(run(base + email, "long enough password\n").exit_code == 0);
    BOOST_TEST(run(base + email, "long enough password\n").exit_code == 1);
}

BOOST_AUTO_TEST_CASE(user_create_refuses_a_password_in_argv_and_creates_nothing) {
    const auto name = unique("argv");
    const auto r = run("user create --config " + config + " --email " + name +
                       "@example.com --username " + name + " --password 'long enough password'");
    BOOST_TEST(r.exit_code == 2);
    BOOST_TEST(r.err.find("--password-stdin") != std::string::npos, r.err);
    int count = -1;
    database.sql() << "SELECT COUNT(*) FROM users WHERE username = :u", soci::use(name),
        soci::into(count);
    BOOST_TEST(count == 0);
}

BOOST_AUTO_TEST_CASE(help_prints_the_usage_and_succeeds) {
    for (const std::string args : {"--help", "help", "serve --help"}) {
        const auto r = run(args);
        BOOST_TEST(r.exit_code == 0, args << ": " << r.err);
        BOOST_TEST(r.out.starts_with("usage: accountd"), args);
        BOOST_TEST(r.err.empty(), args);
    }
}

BOOST_AUTO_TEST_CASE(unknown_commands_and_options_are_usage_errors) {
    BOOST_TEST(run("frobnicate").exit_code == 2);
    BOOST_TEST(run("serve --bogus").exit_code == 2);
}

BOOST_AUTO_TEST_SUITE_END()
