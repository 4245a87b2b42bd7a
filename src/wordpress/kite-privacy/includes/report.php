<?php
/**
 * Tools → Kite report: the Children's Code report and the inventory of services (the DPIA
 * evidence) from the saved config, made by Kite's own report builder (its WebAssembly, the
 * one `npx kite-privacy report` runs) in the admin page, with downloads for the DPIA file.
 *
 * @package KitePrivacy
 */

defined( 'ABSPATH' ) || exit;

/** Adds Tools → Kite report for those who may change the site's settings. */
function kite_privacy_report_menu() {
	add_management_page( __( 'Kite report', 'kite-privacy' ), __( 'Kite report', 'kite-privacy' ), 'manage_options', 'kite-privacy-report', 'kite_privacy_report_page' );
}
add_action( 'admin_menu', 'kite_privacy_report_menu' );

/** The report screen. */
function kite_privacy_report_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$saved = '' !== (string) get_option( KITE_PRIVACY_OPTION, '' );
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'Kite report', 'kite-privacy' ); ?></h1>
		<p><?php esc_html_e( "What Kite does on this site for each of the Children's Code's 15 standards, what the school must still do, and every service the site uses. Keep it with your data protection impact assessment (DPIA).", 'kite-privacy' ); ?></p>
		<?php if ( ! $saved ) : ?>
			<div class="notice notice-warning inline"><p>
				<?php
				printf(
					/* translators: %s: link to Settings → Kite. */
					esc_html__( 'This report is of the safe settings Kite started with. Check them on %s first.', 'kite-privacy' ),
					'<a href="' . esc_url( admin_url( 'options-general.php?page=kite-privacy' ) ) . '">' . esc_html__( 'Settings → Kite', 'kite-privacy' ) . '</a>'
				);
				?>
			</p></div>
		<?php endif; ?>
		<p class="kite-downloads" hidden>
			<button type="button" class="button" id="kite-download-report"><?php esc_html_e( 'Download the report (Markdown)', 'kite-privacy' ); ?></button>
			<button type="button" class="button" id="kite-download-inventory"><?php esc_html_e( 'Download the inventory (CSV, for a spreadsheet)', 'kite-privacy' ); ?></button>
		</p>
		<script type="application/json" id="kite-report-config"><?php echo kite_privacy_config_json(); // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JSON made by wp_json_encode with JSON_HEX_TAG. ?></script>
		<div id="kite-report" class="kite-report" data-core="<?php echo esc_url( kite_privacy_url( 'kite/kite_core.js' ) ); ?>" data-marked="<?php echo esc_url( kite_privacy_url( 'admin/vendor/marked.esm.js' ) ); ?>" data-site="<?php echo esc_attr( sanitize_title( get_bloginfo( 'name' ) ) ); ?>">
			<p><?php esc_html_e( 'Making the report…', 'kite-privacy' ); ?></p>
		</div>
	</div>
	<?php
	printf( '<script type="module" src="%s"></script>', esc_url( kite_privacy_url( 'admin/report.js' ) ) );
}
