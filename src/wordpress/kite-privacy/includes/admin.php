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

/** The settings screen. */
function kite_privacy_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'Kite privacy', 'kite-privacy' ); ?></h1>
		<p><?php esc_html_e( 'Who your site is for, what it uses, and where a child can ask about their information. Everything optional stays off until a visitor (or, for under-13s, a parent or carer) says yes.', 'kite-privacy' ); ?></p>
		<?php settings_errors( KITE_PRIVACY_OPTION ); ?>
		<form method="post" action="options.php" id="kite-settings-form" novalidate>
			<?php settings_fields( 'kite_privacy' ); ?>
			<input type="hidden" name="<?php echo esc_attr( KITE_PRIVACY_OPTION ); ?>" id="kite-privacy-config" value="<?php echo esc_attr( kite_privacy_config_json() ); ?>">
			<script type="application/json" id="kite-settings-words"><?php echo wp_json_encode( kite_privacy_settings_words(), JSON_HEX_TAG | JSON_UNESCAPED_UNICODE ); ?></script>
			<div id="kite-settings" data-schema="<?php echo esc_url( kite_privacy_url( 'kite/kite.schema.json' ) ); ?>" data-core="<?php echo esc_url( kite_privacy_url( 'kite/kite_core.js' ) ); ?>">
				<p><?php esc_html_e( 'Loading the settings…', 'kite-privacy' ); ?></p>
			</div>
			<p id="kite-settings-status" role="status" aria-live="polite"></p>
			<?php submit_button( __( 'Check and save', 'kite-privacy' ) ); ?>
		</form>
	</div>
	<?php
	// WordPress 6.1 has no module enqueue; the checker is an ES module beside Kite's own files.
	printf( '<script type="module" src="%s"></script>', esc_url( kite_privacy_url( 'admin/settings.js' ) ) );
}

/** The settings screen's own words, for its script (translatable here, like the rest). */
function kite_privacy_settings_words() {
	return array(
		/* translators: {value} is Kite's default for the field. */
		'default_is'  => __( "Kite's default ({value})", 'kite-privacy' ),
		'default'     => __( "Kite's default", 'kite-privacy' ),
		/* translators: {label} is the field's name. */
		'in_english'  => __( '{label} (English)', 'kite-privacy' ),
		/* translators: {label} is the field's name. */
		'in_welsh'    => __( '{label} (Welsh)', 'kite-privacy' ),
		/* translators: {label} is the field's name. */
		'one_a_line'  => __( '{label} (one a line)', 'kite-privacy' ),
		/* translators: {label} is the field's name. */
		'json'        => __( '{label} (JSON)', 'kite-privacy' ),
		'age_range'   => __( 'A custom age range', 'kite-privacy' ),
		'youngest'    => __( 'Youngest age', 'kite-privacy' ),
		'oldest'      => __( 'Oldest age', 'kite-privacy' ),
		/* translators: {item} is what the list holds: purpose, service or sign. */
		'add'         => __( 'Add a {item}', 'kite-privacy' ),
		/* translators: {item} is what the list holds: purpose, service or sign. */
		'remove'      => __( 'Remove this {item}', 'kite-privacy' ),
		'checking'    => __( 'Checking…', 'kite-privacy' ),
		/* translators: {why} is what went wrong. */
		'no_checker'  => __( "Kite's checker could not run ({why}), so nothing was saved. Reload the page and try again.", 'kite-privacy' ),
		'one_to_fix'  => __( '1 thing to fix before saving. Nothing was saved.', 'kite-privacy' ),
		/* translators: {count} is the number of mistakes (2 or more). */
		'some_to_fix' => __( '{count} things to fix before saving. Nothing was saved.', 'kite-privacy' ),
		'saving'      => __( 'No mistakes. Saving…', 'kite-privacy' ),
		/* translators: {why} is what went wrong. */
		'no_settings' => __( 'The settings could not load: {why}. Reload the page to try again.', 'kite-privacy' ),
		'items'       => array(
			'purposes'   => __( 'purpose', 'kite-privacy' ),
			'services'   => __( 'service', 'kite-privacy' ),
			'monitoring' => __( 'sign', 'kite-privacy' ),
		),
		'labels'      => array(
			'audience'          => __( 'Who the site is for', 'kite-privacy' ),
			'consentMaxAgeDays' => __( 'Keep a choice for (days)', 'kite-privacy' ),
			'consentMode'       => __( 'Google Consent Mode', 'kite-privacy' ),
			'monitoring'        => __( "Who can see a child's activity", 'kite-privacy' ),
			'ownHosts'          => __( "The school's other addresses", 'kite-privacy' ),
			'trusted'           => __( 'Trusted sites', 'kite-privacy' ),
			'stripParameters'   => __( 'Tracking parameters to remove', 'kite-privacy' ),
			'guardWindowOpen'   => __( 'Check window.open too', 'kite-privacy' ),
			'dontAskAgain'      => __( 'Offer "don\'t ask again today"', 'kite-privacy' ),
			'url'               => __( 'Web address', 'kite-privacy' ),
			'email'             => __( 'Email address', 'kite-privacy' ),
			'localStorage'      => __( 'Local storage keys', 'kite-privacy' ),
			'sessionStorage'    => __( 'Session storage keys', 'kite-privacy' ),
			'indexedDB'         => __( 'IndexedDB databases', 'kite-privacy' ),
			'caches'            => __( 'Cache names', 'kite-privacy' ),
			'by'                => __( 'Who can see it', 'kite-privacy' ),
			'what'              => __( 'What they can see', 'kite-privacy' ),
			'text'              => __( "Kite's words, changed", 'kite-privacy' ),
		),
	);
}

/** Styles for the settings and report screens only. */
function kite_privacy_admin_styles( $hook ) {
	if ( 'settings_page_kite-privacy' !== $hook && 'tools_page_kite-privacy-report' !== $hook ) {
		return;
	}
	wp_enqueue_style( 'kite-privacy-admin', kite_privacy_url( 'admin/admin.css' ), array(), KITE_PRIVACY_VERSION );
}
add_action( 'admin_enqueue_scripts', 'kite_privacy_admin_styles' );

/**
 * Until the settings are saved once, a note on the dashboard and the plugins screen: Kite is
 * on with safe settings for a primary school, and who the site is for is the school's to say.
 */
function kite_privacy_setup_notice() {
	$screen = get_current_screen();
	if ( ! current_user_can( 'manage_options' ) || '' !== (string) get_option( KITE_PRIVACY_OPTION, '' )
		|| ! $screen || ! in_array( $screen->id, array( 'dashboard', 'plugins' ), true ) ) {
		return;
	}
	printf(
		'<div class="notice notice-info"><p>%s <a href="%s">%s</a></p></div>',
		esc_html__( 'Kite is on, with safe settings for a primary school: nothing optional runs until a parent or carer says yes. Tell it who your site is for and what it uses.', 'kite-privacy' ),
		esc_url( admin_url( 'options-general.php?page=kite-privacy' ) ),
		esc_html__( 'Open Settings → Kite', 'kite-privacy' )
	);
}
add_action( 'admin_notices', 'kite_privacy_setup_notice' );
