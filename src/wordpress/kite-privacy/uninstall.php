<?php
/**
 * Uninstalling removes Kite's saved config and nothing else.
 *
 * @package KitePrivacy
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'kite_privacy_config' );
