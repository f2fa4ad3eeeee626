#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <cstdio>

#include <fstream>
#include <map>

#include "config/config.hpp"

using namespace accountd::config;

namespace {

std::string message_of(const std::string& text) {
    try {
        parse_config(text, "test.conf");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

EnvLookup env_of(std::map<std::string, std::string> values) {
    return [values](const std::string& name) -> std::optional<std::string> {
        const auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        return it->second;
    };
}

struct TempFile {
    std::string path;
    explicit TempFile(const std::string& content) {
        char name[] = "/tmp/accountd-config-XXXXXX";
        const int fd = mkstemp(name);
        close(fd);
        path = name;
        std::ofstream(path) << content;
    }
    ~TempFile() { std::remove(path.c_str()); }
};

const std::string kKey(64, 'a');

}  // namespace

BOOST_AUTO_TEST_SUITE(config)

BOOST_AUTO_TEST_CASE(an_empty_file_gives_the_documented_defaults) {
    const auto c = parse_config("", "empty");
    BOOST_TEST(c.socket_path == "/run/accountd/accountd.sock");
    BOOST_TEST(c.socket_mode == 0660u);
    BOOST_TEST(c.max_body_bytes == 65536u);
    BOOST_TEST(c.session_absolute_lifetime == 43200);
    BOOST_TEST(c.session_idle_timeout == 1800);
    BOOST_TEST(c.argon2.memory_kib == 19456u);
    BOOST_TEST(c.password_min_length == 12);
    BOOST_TEST(c.cookie_secure);
    BOOST_TEST((c.require_2fa == TwoFactorRequirement::admins));
    BOOST_TEST(c.effective_workers() >= 2);
}

BOOST_AUTO_TEST_CASE(every_default_in_the_key_table_parses_and_lies_within_its_bounds) {
    const auto keys = key_defaults();
    BOOST_TEST(!keys.empty());
    std::string all;
    for (const auto& key : keys) {
        const auto dot = key.name.find('.');
        BOOST_REQUIRE(dot != std::string::npos);
        const std::string text = "[" + key.name.substr(0, dot) + "]\n" + key.name.substr(dot + 1) +
                                 " = " + key.default_text + "\n";
        BOOST_CHECK_MESSAGE(message_of(text).empty(), key.name << ": " << message_of(text));
        all += text;
    }
    // All of them written out at once, and the rules across keys that load_config checks.
    const TempFile conf(all);
    BOOST_CHECK_NO_THROW(load_config(conf.path, env_of({{"ACCOUNTD_SERVER_KEY", kKey}})));
    const TempFile empty("");
    BOOST_CHECK_NO_THROW(load_config(empty.path, env_of({{"ACCOUNTD_SERVER_KEY", kKey}})));
}

BOOST_AUTO_TEST_CASE(a_default_constructed_config_holds_the_table_defaults) {
    const Config c;
    BOOST_TEST(c.socket_path == "/run/accountd/accountd.sock");
    BOOST_TEST(c.socket_backlog == 1024);
    BOOST_TEST(c.database_url == "db=accountd user=accountd host=localhost");
    BOOST_TEST(c.password_blocklist_files.size() == 2u);
    BOOST_TEST(c.login_ip_account_max == 5);
    BOOST_TEST(c.app_name == "Pterodactyl");
    BOOST_TEST(c.totp_issuer.empty());
    BOOST_TEST(c.effective_totp_issuer() == "Pterodactyl");
    BOOST_TEST(c.totp_setup_seconds == 600);
    BOOST_TEST(c.fresh_sign_in_seconds == 900);
    BOOST_TEST(c.sealing_key_current == 0);
    BOOST_TEST(c.log_level == "info");
    BOOST_TEST(c.server_key.empty());
}

BOOST_AUTO_TEST_CASE(sections_comments_and_quotes_are_read) {
    const auto c = parse_config(
        "# comment\n[server]\nworkers = 3 \n; other comment\ndefault_dialect = \"eclipanel\"\n"
        "socket_mode = 0600\ntrusted_origins = https://a.example, https://b.example\n",
        "t");
    BOOST_TEST(c.workers == 3);
    BOOST_TEST((c.default_dialect == Dialect::eclipanel));
    BOOST_TEST(c.socket_mode == 0600u);
    BOOST_TEST(c.trusted_origins.size() == 2u);
    BOOST_TEST(c.trusted_origins[1] == "https://b.example");
}

BOOST_AUTO_TEST_CASE(an_unknown_key_is_refused_with_its_name) {
    BOOST_TEST(message_of("[server]\nwokers = 3\n").find("server.wokers") != std::string::npos);
    BOOST_TEST(message_of("[nosuch]\nkey = 1\n").find("nosuch.key") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(out_of_bounds_or_malformed_values_are_refused_with_the_key_name) {
    BOOST_TEST(message_of("[server]\nworkers = 1000\n").find("server.workers") !=
               std::string::npos);
    BOOST_TEST(message_of("[server]\nworkers = many\n").find("server.workers") !=
               std::string::npos);
    BOOST_TEST(message_of("[server]\nsocket_mode = 0999\n").find("server.socket_mode") !=
               std::string::npos);
    BOOST_TEST(message_of("[server]\nsocket = relative.sock\n").find("server.socket") !=
               std::string::npos);
    BOOST_TEST(message_of("[server]\ndefault_dialect = pelican\n").find("server.default_dialect") !=
               std::string::npos);
    BOOST_TEST(message_of("[session]\ncookie_secure = maybe\n").find("session.cookie_secure") !=
               std::string::npos);
    BOOST_TEST(
        message_of("[session]\npterodactyl_cookie = a b\n").find("session.pterodactyl_cookie") !=
        std::string::npos);
    BOOST_TEST(
        message_of("[password]\nargon2_memory_kib = 16\n").find("password.argon2_memory_kib") !=
        std::string::npos);
    BOOST_TEST(message_of("[security]\nrequire_2fa = some\n").find("security.require_2fa") !=
               std::string::npos);
    BOOST_TEST(message_of("[database]\nurl = host=x\n").find("database.url") != std::string::npos);
    BOOST_TEST(message_of("[server]\nno equals sign\n").find("test.conf:2") != std::string::npos);
    for (const char* origin : {"panel.example.com", "https://", "https://a.example/path",
                               "https://user@a.example", "://a.example"}) {
        BOOST_TEST(message_of(std::string("[server]\ntrusted_origins = ") + origin)
                           .find("server.trusted_origins") != std::string::npos,
                   origin);
    }
}

BOOST_AUTO_TEST_CASE(a_secrets_file_open_to_every_user_is_refused) {
    const TempFile secrets("server_key = " + kKey + "\n");
    const TempFile conf("[database]\nurl = db=x user=y\n[secrets]\nfile = " + secrets.path + "\n");
    BOOST_CHECK_NO_THROW(load_config(conf.path, env_of({})));
    ::chmod(secrets.path.c_str(), 0644);
    BOOST_CHECK_EXCEPTION(load_config(conf.path, env_of({})), ConfigError,
                          [](const ConfigError& e) {
                              return std::string(e.what()).find("chmod 0640") != std::string::npos;
                          });
}

BOOST_AUTO_TEST_CASE(a_group_writable_secrets_file_is_refused) {
    const TempFile secrets("server_key = " + kKey + "\n");
    const TempFile conf("[database]\nurl = db=x user=y\n[secrets]\nfile = " + secrets.path + "\n");
    ::chmod(secrets.path.c_str(), 0640);
    BOOST_CHECK_NO_THROW(load_config(conf.path, env_of({})));
    ::chmod(secrets.path.c_str(), 0660);
    BOOST_CHECK_EXCEPTION(
        load_config(conf.path, env_of({})), ConfigError, [](const ConfigError& e) {
            return std::string(e.what()).find("secrets.file") != std::string::npos;
        });
}

BOOST_AUTO_TEST_CASE(a_secrets_file_of_another_user_is_refused) {
    const TempFile secrets("server_key = " + kKey + "\n");
    const TempFile conf("[database]\nurl = db=x user=y\n[secrets]\nfile = " + secrets.path + "\n");
    // Only root can hand a file to another user; elsewhere the case cannot be set up.
    if (::geteuid() != 0 || ::chown(secrets.path.c_str(), 65534, 65534) != 0) return;
    BOOST_CHECK_EXCEPTION(load_config(conf.path, env_of({})), ConfigError,
                          [](const ConfigError& e) {
                              return std::string(e.what()).find("uid 65534") != std::string::npos;
                          });
}

BOOST_AUTO_TEST_CASE(a_config_file_with_the_database_password_is_checked_like_the_secrets_file) {
    const std::string with_password = "[database]\nurl = db=x user=y password=s3cret\n";
    const TempFile conf(with_password + "[secrets]\nfile = /nonexistent/secrets.conf\n");
    const auto env = env_of({{"ACCOUNTD_SERVER_KEY", kKey}});
    ::chmod(conf.path.c_str(), 0640);
    BOOST_CHECK_NO_THROW(load_config(conf.path, env));
    for (const mode_t mode : {0644, 0660, 0604}) {
        ::chmod(conf.path.c_str(), mode);
        BOOST_CHECK_EXCEPTION(load_config(conf.path, env), ConfigError, [](const ConfigError& e) {
            return std::string(e.what()).find("chmod 0640") != std::string::npos;
        });
    }
    const TempFile pass_key("[database]\nurl = db=x pass=s3cret user=y\n");
    ::chmod(pass_key.path.c_str(), 0644);
    BOOST_CHECK_THROW(load_config(pass_key.path, env), ConfigError);
    // Without a password in it the config file is no secret, and may be world-readable.
    const TempFile plain("[database]\nurl = db=x user=y\n");
    ::chmod(plain.path.c_str(), 0644);
    BOOST_CHECK_NO_THROW(load_config(plain.path, env));
}

BOOST_AUTO_TEST_CASE(the_server_key_comes_from_the_secrets_file_or_the_environment) {
    const TempFile secrets("server_key = " + kKey + "\ndatabase_password = s3cret\n");
    const TempFile conf("[database]\nurl = db=x user=y\n[secrets]\nfile = " + secrets.path + "\n");
    const auto c = load_config(conf.path, env_of({}));
    BOOST_TEST(c.server_key == std::string(32, '\xaa'));
    BOOST_TEST(c.database_url ==
               "db=x user=y connect_timeout=5 read_timeout=10 write_timeout=10 password='s3cret'");
    const auto overridden =
        load_config(conf.path, env_of({{"ACCOUNTD_SERVER_KEY", std::string(64, 'b')},
                                       {"ACCOUNTD_DATABASE_URL", "db=other"}}));
    BOOST_TEST(overridden.server_key == std::string(32, '\xbb'));
    BOOST_TEST(overridden.database_url.starts_with("db=other"));
}

BOOST_AUTO_TEST_CASE(the_totp_issuer_is_the_app_name_unless_set) {
    BOOST_TEST(parse_config("[app]\nname = Acme Hosting\n", "t").effective_totp_issuer() ==
               "Acme Hosting");
    BOOST_TEST(parse_config("[app]\nname = Acme\n[security]\ntotp_issuer = Other\n", "t")
                   .effective_totp_issuer() == "Other");
    BOOST_TEST(message_of("[app]\nname =\n").find("app.name") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sealing_keys_and_the_current_one_come_from_the_secrets_file) {
    const TempFile secrets("server_key = " + kKey + "\nsealing_key_1 = " + std::string(64, '1') +
                           "\nsealing_key_7 = " + std::string(64, '7') +
                           "\nsealing_key_current = 7\n");
    const TempFile conf("[secrets]\nfile = " + secrets.path + "\n");
    const auto c = load_config(conf.path, env_of({}));
    BOOST_TEST(c.sealing_keys.size() == 2u);
    BOOST_TEST(c.sealing_keys.at(1) == std::string(32, '\x11'));
    BOOST_TEST(c.sealing_keys.at(7) == std::string(32, '\x77'));
    BOOST_TEST(c.sealing_key_current == 7);

    for (const std::string& bad : std::vector<std::string>{
             "sealing_key_current = 2\n", "sealing_key_0 = " + std::string(64, '1') + "\n",
             "sealing_key_1 = abcd\n", "sealing_key_x = " + std::string(64, '1') + "\n"}) {
        const TempFile broken("server_key = " + kKey + "\n" + bad);
        const TempFile broken_conf("[secrets]\nfile = " + broken.path + "\n");
        BOOST_CHECK_THROW(load_config(broken_conf.path, env_of({})), ConfigError);
    }
}

BOOST_AUTO_TEST_CASE(the_database_timeouts_become_connection_options_unless_the_url_sets_them) {
    const auto env = env_of({{"ACCOUNTD_SERVER_KEY", kKey}});
    const TempFile conf(
        "[database]\nurl = db=x user=y read_timeout=7\nconnect_timeout = 2\n"
        "write_timeout = 3\nread_timeout = 4\n");
    const auto c = load_config(conf.path, env);
    BOOST_TEST(c.database_url == "db=x user=y read_timeout=7 connect_timeout=2 write_timeout=3");
    BOOST_TEST(message_of("[database]\nread_timeout = 0\n").find("database.read_timeout") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_public_url_is_a_base_url_without_a_trailing_slash) {
    BOOST_TEST(parse_config("", "t").public_url.empty());
    BOOST_TEST(
        parse_config("[server]\npublic_url = https://panel.example.com/\n", "t").public_url ==
        "https://panel.example.com");
    BOOST_TEST(
        parse_config("[server]\npublic_url = http://127.0.0.1:8080/panel\n", "t").public_url ==
        "http://127.0.0.1:8080/panel");
    for (const char* bad : {"panel.example.com", "ftp://x", "https://", "https:///x",
                            "https://x/?a=b", "https://x/#f", "https://a b"}) {
        BOOST_TEST(message_of(std::string("[server]\npublic_url = ") + bad + "\n")
                           .find("server.public_url") != std::string::npos,
                   bad);
    }
}

BOOST_AUTO_TEST_CASE(a_missing_or_short_server_key_is_refused) {
    const TempFile conf("[secrets]\nfile = /nonexistent/secrets.conf\n");
    BOOST_CHECK_THROW(load_config(conf.path, env_of({})), ConfigError);
    BOOST_CHECK_THROW(load_config(conf.path, env_of({{"ACCOUNTD_SERVER_KEY", "abcd"}})),
                      ConfigError);
    BOOST_CHECK_THROW(
        load_config(conf.path, env_of({{"ACCOUNTD_SERVER_KEY", std::string(64, 'z')}})),
        ConfigError);
}

BOOST_AUTO_TEST_CASE(an_idle_timeout_longer_than_the_absolute_lifetime_is_refused) {
    const TempFile conf("[session]\nabsolute_lifetime = 600\nidle_timeout = 900\n");
    BOOST_CHECK_THROW(load_config(conf.path, env_of({{"ACCOUNTD_SERVER_KEY", kKey}})), ConfigError);
}

BOOST_AUTO_TEST_CASE(a_missing_config_file_is_an_error) {
    BOOST_CHECK_THROW(load_config("/nonexistent/accountd.conf", env_of({})), ConfigError);
}

BOOST_AUTO_TEST_CASE(every_key_is_described) {
    const auto text = describe_keys();
    for (const char* key :
         {"server.workers", "database.url", "session.idle_timeout", "log.level"}) {
        BOOST_TEST(text.find(key) != std::string::npos, key);
    }
}

BOOST_AUTO_TEST_SUITE_END()
