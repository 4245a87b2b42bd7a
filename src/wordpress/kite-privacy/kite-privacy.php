<?php
/**
 * Plugin Name:       Kite Privacy for Schools
 * Description:       Cookie consent with high-privacy defaults, a "you are leaving" check before outside links, and embeds that wait for a choice: the ICO Children's Code in the browser, for school websites.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.0
 * License:           MIT
 * Text Domain:       kite-privacy
 *
 * @package KitePrivacy
 */

defined( 'ABSPATH' ) || exit;

define( 'KITE_PRIVACY_VERSION', '0.1.0' );
define( 'KITE_PRIVACY_OPTION', 'kite_privacy_config' );
define( 'KITE_PRIVACY_FILE', __FILE__ );

/** The address of `$path` in the plugin's folder, like "kite/kite.js" or "admin/report.js". */
function kite_privacy_url( $path ) {
	return plugins_url( $path, KITE_PRIVACY_FILE );
}

require_once __DIR__ . '/includes/config.php';
require_once __DIR__ . '/includes/markup.php';
require_once __DIR__ . '/includes/blocks.php';
if ( is_admin() ) {
	require_once __DIR__ . '/includes/admin.php';
	require_once __DIR__ . '/includes/report.php';
}

/** The plugin's words in the site's language (languages/kite-privacy-cy.mo for Welsh sites). */
function kite_privacy_load_textdomain() {
	load_plugin_textdomain( 'kite-privacy', false, dirname( plugin_basename( __FILE__ ) ) . '/languages' );
}
add_action( 'init', 'kite_privacy_load_textdomain' );

/**
 * Kite's snippet, first in <head>: the stub (it holds what the page asks of Kite until Kite
 * has loaded), the saved config, and the module. Nothing runs that the config does not allow.
 */
function kite_privacy_head() {
	$base   = kite_privacy_url( 'kite/' );
	$config = kite_privacy_config_json();
	printf( "<script src=\"%s\"></script>\n", esc_url( $base . 'kite-stub.js' ) );
	// wp_json_encode with JSON_HEX_TAG keeps "</script>" in a school's words from closing the element.
	printf( "<script type=\"application/json\" id=\"kite-config\">%s</script>\n", $config ); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JSON made by wp_json_encode with JSON_HEX_TAG.
	printf( "<script type=\"module\" src=\"%s\"></script>\n", esc_url( $base . 'kite.js' ) );
}
add_action( 'wp_head', 'kite_privacy_head', 1 );

add_filter( 'embed_oembed_html', 'kite_privacy_gate_embed', 20 );
add_filter( 'render_block_core/embed', 'kite_privacy_gate_embed', 20 );
add_filter( 'script_loader_tag', 'kite_privacy_gate_script', 20, 3 );
add_filter( 'style_loader_tag', 'kite_privacy_gate_style', 20, 4 );
