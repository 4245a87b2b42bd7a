<?php
/**
 * The config Kite reads on every page: the saved one, or safe defaults.
 *
 * @package KitePrivacy
 */

defined( 'ABSPATH' ) || exit;

/**
 * The config a fresh install starts with: every optional purpose off until chosen, a
 * primary school's audience (so under-13s are told, not asked), and the embeds WordPress
 * makes from pasted addresses as services, so each waits behind Kite's placeholder.
 */
function kite_privacy_default_config() {
	return array(
		'revision' => 1,
		'audience' => 'primary',
		'purposes' => array(
			array(
				'name'     => 'functional',
				'services' => array(
					array( 'name' => 'youtube', 'label' => 'YouTube', 'description' => array( 'en-GB' => 'Plays videos.', 'cy' => 'Yn chwarae fideos.' ), 'domains' => array( 'www.youtube-nocookie.com', 'www.youtube.com' ) ),
					array( 'name' => 'vimeo', 'label' => 'Vimeo', 'description' => array( 'en-GB' => 'Plays videos.', 'cy' => 'Yn chwarae fideos.' ), 'domains' => array( 'player.vimeo.com' ) ),
					array( 'name' => 'maps', 'label' => 'Google Maps', 'description' => array( 'en-GB' => 'Shows where the school is.', 'cy' => "Yn dangos ble mae'r ysgol." ), 'domains' => array( 'www.google.com' ) ),
					array( 'name' => 'embeds', 'label' => array( 'en-GB' => 'Other embedded content', 'cy' => 'Cynnwys arall wedi’i fewnosod' ), 'description' => array( 'en-GB' => 'Posts, slides and forms from other sites.', 'cy' => "Postiadau, sleidiau a ffurflenni o wefannau eraill." ) ),
					array( 'name' => 'fonts', 'label' => 'Google Fonts', 'description' => array( 'en-GB' => "The site's letters, from Google.", 'cy' => "Llythrennau'r wefan, gan Google." ), 'domains' => array( 'fonts.googleapis.com', 'fonts.gstatic.com' ) ),
				),
			),
			array(
				'name'     => 'analytics',
				'services' => array(
					array( 'name' => 'ga4', 'label' => 'Google Analytics', 'description' => array( 'en-GB' => 'Counts which pages are read.', 'cy' => "Yn cyfrif pa dudalennau sy'n cael eu darllen." ), 'cookies' => array( '_ga', '_ga_*' ) ),
				),
			),
			array(
				'name'     => 'marketing',
				'services' => array(
					array( 'name' => 'meta', 'label' => 'Meta Pixel', 'description' => array( 'en-GB' => 'Measures adverts on Facebook and Instagram.', 'cy' => 'Yn mesur hysbysebion ar Facebook ac Instagram.' ), 'cookies' => array( '_fbp' ) ),
				),
			),
		),
	);
}

/** The saved config as JSON for the page, or the defaults when nothing valid is saved. */
function kite_privacy_config_json() {
	$saved  = get_option( KITE_PRIVACY_OPTION, '' );
	// Decoded as objects, so an empty {} stays an object on the page.
	$config = is_string( $saved ) && '' !== $saved ? json_decode( $saved ) : null;
	if ( ! is_object( $config ) ) {
		$config = kite_privacy_default_config();
	}
	return wp_json_encode( $config, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
}

/**
 * The option, through the settings API (its nonce and capability checks), registered on every
 * request so that whatever writes it (this screen, WP-CLI, another plugin) goes through the
 * sanitiser.
 */
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
add_action( 'init', 'kite_privacy_register_setting' );

/**
 * Keeps only a config that is a JSON object; anything else leaves the saved one as it was.
 * Kite's checker has already run in the page; the browser runs it again on every page.
 *
 * @param mixed $value The submitted config.
 */
function kite_privacy_sanitize_config( $value ) {
	$decoded = is_string( $value ) ? json_decode( $value ) : null;
	if ( ! is_object( $decoded ) ) {
		if ( function_exists( 'add_settings_error' ) ) { // Admin screens only.
			add_settings_error( KITE_PRIVACY_OPTION, 'kite-privacy-unreadable', __( 'Kite could not read these settings, so nothing was changed.', 'kite-privacy' ) );
		}
		return get_option( KITE_PRIVACY_OPTION, '' );
	}
	return wp_json_encode( $decoded, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
}
