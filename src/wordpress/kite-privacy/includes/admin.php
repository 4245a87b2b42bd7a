<?php
/**
 * Settings → Kite: the config, as a form made from Kite's own JSON Schema, checked by Kite's
 * own checker (its WebAssembly, in the admin page) before it is saved.
 *
 * @package KitePrivacy
 */

defined( 'ABSPATH' ) || exit;

/** Adds Settings → Kite for those who may change the site's settings. */
function kite_privacy_admin_menu() {
	add_options_page( __( 'Kite privacy', 'kite-privacy' ), __( 'Kite', 'kite-privacy' ), 'manage_options', 'kite-privacy', 'kite_privacy_settings_page' );
}
add_action( 'admin_menu', 'kite_privacy_admin_menu' );

/** The option, through the settings API (its nonce and capability checks). */
function kite_privacy_register_setting() {
	register_setting(
		'kite_privacy',
		KITE_PRIVACY_OPTION,
		array(
			'type'              => 'string',
			'sanitize_callback' => 'kite_privacy_sanitize_config',
			'default'           => '',
		)
	);
}
add_action( 'admin_init', 'kite_privacy_register_setting' );

/**
 * Keeps only a config that is a JSON object; anything else leaves the saved one as it was.
 * Kite's checker has already run in the page; the browser runs it again on every page.
 *
 * @param mixed $value The submitted config.
 */
function kite_privacy_sanitize_config( $value ) {
	$decoded = is_string( $value ) ? json_decode( $value, true ) : null;
	if ( ! is_array( $decoded ) || array_is_list( $decoded ) ) {
		add_settings_error( KITE_PRIVACY_OPTION, 'kite-privacy-unreadable', __( 'Kite could not read these settings, so nothing was changed.', 'kite-privacy' ) );
		return get_option( KITE_PRIVACY_OPTION, '' );
	}
	return wp_json_encode( $decoded, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
}

/** The settings screen. */
function kite_privacy_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$kite = plugins_url( 'kite/', dirname( __DIR__ ) . '/kite-privacy.php' );
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'Kite privacy', 'kite-privacy' ); ?></h1>
		<p><?php esc_html_e( 'Who your site is for, what it uses, and where a child can ask about their information. Everything optional stays off until a visitor (or, for under-13s, a parent or carer) says yes.', 'kite-privacy' ); ?></p>
		<?php settings_errors( KITE_PRIVACY_OPTION ); ?>
		<form method="post" action="options.php" id="kite-settings-form" novalidate>
			<?php settings_fields( 'kite_privacy' ); ?>
			<input type="hidden" name="<?php echo esc_attr( KITE_PRIVACY_OPTION ); ?>" id="kite-privacy-config" value="<?php echo esc_attr( kite_privacy_config_json() ); ?>">
			<div id="kite-settings" data-schema="<?php echo esc_url( $kite . 'kite.schema.json' ); ?>" data-core="<?php echo esc_url( $kite . 'kite_core.js' ); ?>">
				<p><?php esc_html_e( 'Loading the settings…', 'kite-privacy' ); ?></p>
			</div>
			<p id="kite-settings-status" role="status" aria-live="polite"></p>
			<?php submit_button( __( 'Check and save', 'kite-privacy' ) ); ?>
		</form>
	</div>
	<?php
	// WordPress 6.1 has no module enqueue; the checker is an ES module beside Kite's own files.
	printf( '<script type="module" src="%s"></script>', esc_url( plugins_url( 'admin/settings.js', dirname( __DIR__ ) . '/kite-privacy.php' ) ) );
}
