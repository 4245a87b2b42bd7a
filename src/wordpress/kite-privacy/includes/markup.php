<?php
/**
 * Marks what WordPress prints so that Kite holds it until it is allowed: embeds from pasted
 * addresses and embed blocks, tracker scripts that plugins enqueue, and Google Fonts.
 *
 * @package KitePrivacy
 */

defined( 'ABSPATH' ) || exit;

/** The service an embed's address belongs to, as named in the default config. */
function kite_privacy_embed_service( $src ) {
	$host = strtolower( (string) wp_parse_url( $src, PHP_URL_HOST ) );
	if ( preg_match( '/(^|\.)(youtube\.com|youtube-nocookie\.com|youtu\.be)$/', $host ) ) {
		return 'functional/youtube';
	}
	if ( preg_match( '/(^|\.)vimeo\.com$/', $host ) ) {
		return 'functional/vimeo';
	}
	if ( preg_match( '/(^|\.)google\.[a-z.]+$/', $host ) && str_contains( (string) $src, '/maps' ) ) {
		return 'functional/maps';
	}
	return 'functional/embeds';
}

/**
 * Each <iframe src> from another site in `$html` gets data-kite and data-src instead of src,
 * so the browser loads nothing until it is allowed and Kite shows its placeholder in its box.
 */
function kite_privacy_gate_embed( $html ) {
	if ( ! is_string( $html ) || false === stripos( $html, '<iframe' ) ) {
		return $html;
	}
	return preg_replace_callback(
		'/<iframe\b([^>]*)>/i',
		function ( $m ) {
			$attrs = $m[1];
			if ( preg_match( '/\sdata-kite\s*=/i', $attrs ) || ! preg_match( '/\ssrc\s*=\s*("([^"]*)"|\'([^\']*)\')/i', $attrs, $src ) ) {
				return $m[0];
			}
			$url  = html_entity_decode( '' !== $src[2] ? $src[2] : ( $src[3] ?? '' ), ENT_QUOTES );
			$host = strtolower( (string) wp_parse_url( $url, PHP_URL_HOST ) );
			$own  = strtolower( (string) wp_parse_url( home_url(), PHP_URL_HOST ) );
			if ( '' === $host || $host === $own ) {
				return $m[0];
			}
			$attrs = str_replace( $src[0], sprintf( ' data-src="%s" data-kite="%s"', esc_attr( $url ), esc_attr( kite_privacy_embed_service( $url ) ) ), $attrs );
			return '<iframe' . $attrs . '>';
		},
		$html
	);
}

/** Script handles of trackers that well-known plugins enqueue, and their purpose/service. */
function kite_privacy_tracker_handles() {
	$handles = array(
		'google_gtagjs'       => 'analytics/ga4', // Site Kit by Google.
		'google-gtagjs'       => 'analytics/ga4',
		'gtag'                => 'analytics/ga4',
		'google-analytics'    => 'analytics/ga4',
		'facebook-pixel'      => 'marketing/meta',
		'pixel-caffeine'      => 'marketing/meta',
		'official-facebook-pixel' => 'marketing/meta',
	);
	/** Lets a site add its own: handle => "purpose/service". */
	return apply_filters( 'kite_privacy_tracker_handles', $handles );
}

/** A known tracker's <script> (and its inline parts) becomes type="text/plain" with data-kite. */
function kite_privacy_gate_script( $tag, $handle, $src ) {
	$handles = kite_privacy_tracker_handles();
	if ( ! isset( $handles[ $handle ] ) ) {
		return $tag;
	}
	$mark = esc_attr( $handles[ $handle ] );
	return preg_replace_callback(
		'/<script\b([^>]*)>/i',
		function ( $m ) use ( $mark ) {
			// A module keeps its kind in data-type, which Kite gives back as type on release.
			$module = preg_match( '/\stype\s*=\s*["\']?module\b/i', $m[1] ) ? ' data-type="module"' : '';
			$attrs  = preg_replace( '/\stype\s*=\s*("[^"]*"|\'[^\']*\'|\S+)/i', '', $m[1] );
			return '<script type="text/plain" data-kite="' . $mark . '"' . $module . $attrs . '>';
		},
		$tag
	);
}

/** A stylesheet from Google Fonts waits for a choice: href becomes data-href, with data-kite. */
function kite_privacy_gate_style( $tag, $handle, $href, $media ) {
	if ( ! is_string( $href ) || ! preg_match( '#^(https?:)?//fonts\.(googleapis|gstatic)\.com/#i', $href ) ) {
		return $tag;
	}
	return preg_replace( '/\shref\s*=\s*(["\'])/i', ' data-kite="functional/fonts" data-href=$1', $tag, 1 );
}
