<?php

/**
 * A stand-in for a panel's language file, in its format: a PHP array of texts with :placeholders.
 */
return [
    'auth' => [
        'fail' => 'Sign-in failed',
        'success' => 'Signed in',
        'ip-blocked' => 'Request from an address not listed for :identifier',
    ],
    'user' => [
        'account' => [
            'email-changed' => "Changed the e-mail address from :old to :new",
        ],
        // Nested keys with other quoting.
        'api-key' => array(
            'create' => 'Created API key :identifier',
            'delete' => 'Deleted API key :identifier', # trailing comment
        ),
    ],
];
