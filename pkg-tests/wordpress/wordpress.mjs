// A real WordPress for the plugin's tests: Debian's packages (wordpress 6.1, php 8.2,
// mariadb-server), copied into target/wordpress and run on 127.0.0.1 only: MariaDB on its
// own port and data folder, PHP's built-in web server, WordPress installed non-interactively,
// and no remote calls (WP_HTTP_BLOCK_EXTERNAL). `make test-wordpress` installs the packages.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from '../helpers.mjs';
import { freePort, listening } from '../ports.mjs';

const base = path.join(root, 'target', 'wordpress');

/** Runs PHP code inside the WordPress at `site` (wp-load.php loaded), returning its output. */
export function php(site, code) {
  return execFileSync('php', ['-r', `define('WP_INSTALLING_KITE', true); $_SERVER['HTTP_HOST'] = '127.0.0.1'; require '${site}/wp-load.php'; ${code}`], { encoding: 'utf8' });
}

/**
 * Starts MariaDB and PHP's server, installs a fresh WordPress and returns
 * { url, site, admin: { user, password }, php(code), stop() }.
 */
export async function startWordPress() {
  fs.rmSync(base, { recursive: true, force: true });
  const data = path.join(base, 'db');
  const site = path.join(base, 'site');
  fs.mkdirSync(data, { recursive: true });
  execFileSync('cp', ['-rL', '/usr/share/wordpress', site]);
  execFileSync('mariadb-install-db', ['--user=root', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'ignore' });
  const dbPort = await freePort();
  const socket = path.join(base, 'mysqld.sock');
  const db = spawn('mariadbd', ['--no-defaults', '--user=root', `--datadir=${data}`, `--port=${dbPort}`, '--bind-address=127.0.0.1', `--socket=${socket}`, `--pid-file=${path.join(base, 'mysqld.pid')}`, '--skip-log-bin'], { stdio: 'ignore' });
  await listening(dbPort, 30000);
  execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e',
    "CREATE DATABASE wordpress; CREATE USER 'wp'@'127.0.0.1' IDENTIFIED BY 'wp'; GRANT ALL ON wordpress.* TO 'wp'@'127.0.0.1';"]);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  fs.writeFileSync(path.join(site, 'wp-config.php'), `<?php
define('DB_NAME', 'wordpress'); define('DB_USER', 'wp'); define('DB_PASSWORD', 'wp'); define('DB_HOST', '127.0.0.1:${dbPort}');
define('DB_CHARSET', 'utf8mb4'); define('DB_COLLATE', '');
define('WP_HOME', '${url}'); define('WP_SITEURL', '${url}');
define('WP_HTTP_BLOCK_EXTERNAL', true); define('DISABLE_WP_CRON', true); define('AUTOMATIC_UPDATER_DISABLED', true);
define('FS_METHOD', 'direct'); define('WP_DEBUG', true); define('WP_DEBUG_DISPLAY', false); define('WP_DEBUG_LOG', '${path.join(base, 'debug.log')}');
${['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'].map((k) => `define('${k}', '${k.toLowerCase()}-kite-test');`).join('\n')}
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`);
  const admin = { user: 'admin', password: 'kite-admin-password' };
  execFileSync('php', ['-r', `define('WP_INSTALLING', true); require '${site}/wp-load.php'; require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    wp_install('Oakfield Primary School', '${admin.user}', 'office@oakfield.example', true, '', '${admin.password}');
    update_option('permalink_structure', '');`], { stdio: 'ignore' });
  // What a web server's rewrite rules do for WordPress: a file or folder that exists is
  // served; any other address goes to index.php (/favicon.ico, pretty permalinks).
  const router = path.join(base, 'router.php');
  fs.writeFileSync(router, `<?php
$path = rawurldecode((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (file_exists($_SERVER['DOCUMENT_ROOT'] . $path)) return false;
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['SCRIPT_FILENAME'];
`);
  const server = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', site, router], { stdio: 'ignore' });
  await listening(port, 30000);
  return {
    url, site, admin,
    php: (code) => php(site, code),
    async stop() { server.kill(); db.kill(); await new Promise((r) => db.once('exit', r)); },
  };
}
