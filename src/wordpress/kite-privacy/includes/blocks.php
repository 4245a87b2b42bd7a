<?php
/**
 * Blocks for the editor: Privacy settings (<kite-consent>), Your information (<kite-rights>)
 * and Who can see this (<kite-monitoring>). They are dynamic: the server prints the element
 * and Kite fills it in on the page, so a later Kite changes them without editing posts.
 *
 * @package KitePrivacy
 */

defined( 'ABSPATH' ) || exit;

/** Registers the three blocks and their editor script. */
function kite_privacy_register_blocks() {
	wp_register_script(
		'kite-privacy-blocks',
		kite_privacy_url( 'admin/blocks.js' ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n' ),
		KITE_PRIVACY_VERSION,
		true
	);
	wp_set_script_translations( 'kite-privacy-blocks', 'kite-privacy', dirname( KITE_PRIVACY_FILE ) . '/languages' );
	register_block_type(
		'kite-privacy/consent',
		array(
			'api_version'     => 2,
			'editor_script'   => 'kite-privacy-blocks',
			'render_callback' => fn() => kite_privacy_block_wrapper( '<kite-consent></kite-consent>' ),
		)
	);
	register_block_type(
		'kite-privacy/rights',
		array(
			'api_version'     => 2,
			'editor_script'   => 'kite-privacy-blocks',
			'render_callback' => fn() => kite_privacy_block_wrapper( '<kite-rights></kite-rights>' ),
		)
	);
	register_block_type(
		'kite-privacy/monitoring',
		array(
			'api_version'     => 2,
			'editor_script'   => 'kite-privacy-blocks',
			'attributes'      => array(
				'by'     => array( 'type' => 'string', 'default' => 'teacher' ),
				'what'   => array( 'type' => 'string', 'default' => '' ),
				'whatCy' => array( 'type' => 'string', 'default' => '' ),
			),
			'render_callback' => fn( $attributes ) => kite_privacy_block_wrapper( kite_privacy_monitoring_element( $attributes ) ),
		)
	);
	add_shortcode( 'kite_consent', fn() => '<kite-consent></kite-consent>' );
	add_shortcode( 'kite_rights', fn() => '<kite-rights></kite-rights>' );
	add_shortcode(
		'kite_monitoring',
		function ( $atts ) {
			$atts = shortcode_atts( array( 'by' => 'teacher', 'what' => '', 'what_cy' => '' ), $atts, 'kite_monitoring' );
			return kite_privacy_monitoring_element( array( 'by' => $atts['by'], 'what' => $atts['what'], 'whatCy' => $atts['what_cy'] ) );
		}
	);
}
add_action( 'init', 'kite_privacy_register_blocks' );

/**
 * A block's element in the block's own <div> (its class, alignment and the theme's layout),
 * so it lines up with the paragraphs around it.
 *
 * @param string $element The element Kite fills in.
 */
function kite_privacy_block_wrapper( $element ) {
	return '<div ' . get_block_wrapper_attributes() . '>' . $element . '</div>';
}

/**
 * <kite-monitoring>: who can see the child's activity (`by`: teacher, parent or school) and
 * what (`what`, and `what-cy` in Welsh). Kite checks the words and says in the console if
 * one is wrong.
 *
 * @param array $attributes The block's attributes or the shortcode's.
 */
function kite_privacy_monitoring_element( $attributes ) {
	$by      = isset( $attributes['by'] ) ? (string) $attributes['by'] : 'teacher';
	$what    = isset( $attributes['what'] ) ? (string) $attributes['what'] : '';
	$what_cy = isset( $attributes['whatCy'] ) ? (string) $attributes['whatCy'] : '';
	$html    = '<kite-monitoring by="' . esc_attr( $by ) . '"';
	if ( '' !== $what ) {
		$html .= ' what="' . esc_attr( $what ) . '"';
	}
	if ( '' !== $what_cy ) {
		$html .= ' what-cy="' . esc_attr( $what_cy ) . '"';
	}
	return $html . '></kite-monitoring>';
}
