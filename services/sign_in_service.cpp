#include "services/sign_in_service.hpp"

namespace accountd::services {

SignInService::SignInService(AuthService& auth, LoginThrottle& throttle,
                             TwoFactorService& two_factor, SessionService& sessions,
                             ActivityService& activity, UserRepository& users,
                             const server::Logger& log, FailurePadding padding)
    : auth_(auth),
      throttle_(throttle),
      two_factor_(two_factor),
      sessions_(sessions),
      activity_(activity),
      users_(users),
      log_(log),
      padding_(padding) {}

void SignInService::record(const char* event, std::optional<std::uint64_t> actor,
                           std::optional<std::uint64_t> subject, const SignInClient& client,
                           const nlohmann::json& extra) {
    nlohmann::json properties = {{"ip", client.ip}, {"useragent", client.user_agent}};
    properties.update(extra);
    activity_.record({event, actor, subject, client.ip, std::move(properties), std::nullopt});
}

SignInOutcome SignInService::with_password(const PasswordLogin& attempt, const SignInClient& client,
                                           const TokenMinter& mint, bool offer_checkpoint) {
    const Instant started = padding_.pacer ? padding_.pacer->now() : Instant{};
    // Claimed before the password is checked: a locked-out client learns nothing, even from a
    // right guess.
    auto account = auth_.find_account(attempt);
    // Folded for every attempt, known name or not, so both cost the same query. An identifier
    // too long to name an account is folded cut short: it bounds the work, and it still counts.
    const auto names = LoginThrottle::for_sign_in(
        account ? std::optional(account->id) : std::nullopt,
        users_.fold_identifier(attempt.identifier.substr(0, kMaxIdentifierBytes)));
    if (const auto wait = throttle_.claim(client.ip, names)) {
        // The account id (never the typed name, which may be a mistyped password) lets an
        // operator see which account is under attack.
        const std::string user = account ? std::to_string(account->id) : std::string("-");
        log_.info("login.throttled",
                  {{"dialect", client.dialect}, {"user", user}, {"ip", client.ip}});
        throw ServiceError::throttled(*wait);
    }
    // The hash slot is held to the end, padding included: a failed sign-in occupies its worker
    // for the whole floor, so the ceiling bounds the workers a flood of wrong passwords can tie
    // up, not only the cores, and the others stay free for everyone else.
    std::optional<crypto::HashHold> slot;
    try {
        slot.emplace(auth_.hold_hashing());
    } catch (const ServiceError& e) {
        // No hash slot came free: the password was never checked, so the attempt is not a
        // failure to count.
        if (e.kind() == ServiceError::Kind::busy) throttle_.abandoned(client.ip, names);
        throw;
    }
    auto result = auth_.verify(attempt, std::move(account));
    if (result.user && result.user->totp_enabled && offer_checkpoint) {
        // Known to the account only once the second factor is through (at the checkpoint).
        throttle_.succeeded(client.ip, names, false);
        record("auth:checkpoint", std::nullopt, result.user->id, client, {{"using", "password"}});
        SignInOutcome pending;
        pending.status = SignInOutcome::Status::second_factor_needed;
        pending.confirmation_token = two_factor_.start_pending(*result.user, client.dialect);
        pending.user = std::move(*result.user);
        return pending;
    }
    if (!result.user || result.user->totp_enabled) {
        // Recorded only on the account it names, where its owner sees it: a row for an unknown
        // identifier is read by no one, and a flood of made-up names would only fill the
        // table. The time the write takes is hidden by the padding below.
        if (result.account_id) {
            const bool by_email = attempt.kind == LoginIdentifier::email_only ||
                                  attempt.identifier.find('@') != std::string::npos;
            record("auth:fail", std::nullopt, result.account_id, client,
                   {{by_email ? "email" : "username", attempt.identifier}});
        }
        const std::string_view reason =
            result.user ? std::string_view("two_factor_checkpoint_unavailable") : result.failure;
        const std::string user =
            result.account_id ? std::to_string(*result.account_id) : std::string("-");
        log_.info(
            "login.fail",
            {{"dialect", client.dialect}, {"reason", reason}, {"user", user}, {"ip", client.ip}});
        if (padding_.pacer) padding_.pacer->sleep_until(started + padding_.floor);
        throw ServiceError::invalid_credentials();
    }
    throttle_.succeeded(client.ip, names);
    auto outcome = complete(std::move(*result.user), client, mint, "password");
    log_.info("login.success", {{"dialect", client.dialect},
                                {"user", std::to_string(outcome.user.id)},
                                {"ip", client.ip}});
    return outcome;
}

SignInOutcome SignInService::with_second_factor(const std::string& confirmation_token,
                                                const SecondFactor& factor,
                                                const SignInClient& client,
                                                const TokenMinter& mint) {
    // Counted per account, not per confirmation token: a new token (the password again) must
    // not buy a new round of code guesses.
    const auto account = two_factor_.pending_user(confirmation_token, client.dialect);
    // A token that names no pending sign-in guesses at no account: only the per-IP limit applies.
    const auto names = LoginThrottle::for_account(
        account ? std::string("checkpoint|") + std::to_string(*account) : std::string());
    if (const auto wait = throttle_.claim(client.ip, names)) throw ServiceError::throttled(*wait);
    CheckpointResult result;
    try {
        result = two_factor_.checkpoint(confirmation_token, client.dialect, factor.totp_code,
                                        factor.recovery_code, users_, factor.every_factor);
    } catch (const ServiceError&) {
        log_.info("login.checkpoint_fail", {{"dialect", client.dialect}, {"ip", client.ip}});
        // The account owner sees failed second factors too; Pterodactyl logs them with a null
        // username.
        if (account) record("auth:fail", std::nullopt, *account, client, {{"username", nullptr}});
        throw;
    }
    throttle_.succeeded(client.ip, names);
    const auto id = result.user.id;
    // The sign-in is complete now: the address becomes known to the account.
    throttle_.remember_address(client.ip, LoginThrottle::for_sign_in(id, result.user.username));
    record(result.used_recovery_code ? "auth:recovery-token" : "auth:token", id, id, client);
    auto outcome = complete(std::move(result.user), client, mint,
                            result.used_recovery_code ? "recovery-code" : "two-factor");
    log_.info("login.success", {{"dialect", client.dialect},
                                {"user", std::to_string(id)},
                                {"ip", client.ip},
                                {"factor", result.used_recovery_code ? "recovery" : "totp"}});
    return outcome;
}

SignInOutcome SignInService::complete(User user, const SignInClient& client,
                                      const TokenMinter& mint, const char* factor) {
    SignInOutcome outcome;
    outcome.session = sessions_.start(user, client.dialect, client.ip, client.user_agent, mint);
    // Calagopus' data: what completed the sign-in, and the agent under its own key.
    record("auth:success", user.id, user.id, client,
           {{"using", factor}, {"user_agent", client.user_agent}});
    outcome.user = std::move(user);
    return outcome;
}

}  // namespace accountd::services
