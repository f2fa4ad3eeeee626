<?php
return [
    'auth' => ['success' => 'Angemeldet'],
];
