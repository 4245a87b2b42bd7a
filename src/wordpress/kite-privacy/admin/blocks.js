// The editor's side of Kite's three blocks (WordPress's own globals, no build step). Each is
// dynamic: the server prints the element (includes/blocks.php) and Kite fills it in on the
// page, so the editor shows what the block will be rather than Kite itself.
(function (wp) {
  const { registerBlockType } = wp.blocks;
  const { createElement: h } = wp.element;
  const { useBlockProps, InspectorControls } = wp.blockEditor;
  const { PanelBody, SelectControl, TextControl } = wp.components;
  const { __ } = wp.i18n;

  const preview = (props, title, text) => h('div', useBlockProps({ className: 'kite-block-preview' }),
    h('strong', null, title), h('p', null, text));

  /** A block for one of Kite's buttons: the element the server prints, shown here as words. */
  const button = (name, { title, description, icon, keywords, label, text }) => registerBlockType(`kite-privacy/${name}`, {
    apiVersion: 2, title, description, category: 'widgets', icon, keywords, supports: { html: false },
    edit: (props) => preview(props, label, text),
    save: () => null,
  });

  button('consent', {
    title: __('Privacy settings button', 'kite-privacy'),
    description: __('A button that opens Kite\'s privacy choices. A page with one has no floating button.', 'kite-privacy'),
    icon: 'shield',
    keywords: ['kite', 'cookies', 'consent', 'privacy'],
    label: __('Privacy settings', 'kite-privacy'),
    text: __('Kite puts its privacy settings button here.', 'kite-privacy'),
  });

  button('rights', {
    title: __('Your information button', 'kite-privacy'),
    description: __('A button that opens Kite\'s rights panel: see, fix or delete my information, and who to ask.', 'kite-privacy'),
    icon: 'id',
    keywords: ['kite', 'rights', 'privacy', 'information'],
    label: __('Your information', 'kite-privacy'),
    text: __('Kite puts its "Your information" button here.', 'kite-privacy'),
  });

  registerBlockType('kite-privacy/monitoring', {
    apiVersion: 2,
    title: __('Who can see this', 'kite-privacy'),
    description: __('A sign that tells a child who can see their activity on this page.', 'kite-privacy'),
    category: 'widgets',
    icon: 'visibility',
    keywords: ['kite', 'monitoring', 'sign', 'teacher', 'parent'],
    supports: { html: false },
    attributes: {
      by: { type: 'string', default: 'teacher' },
      what: { type: 'string', default: '' },
      whatCy: { type: 'string', default: '' },
    },
    edit: (props) => {
      const { attributes: a, setAttributes: set } = props;
      const who = { teacher: __('Your teacher', 'kite-privacy'), parent: __('Your parent or carer', 'kite-privacy'), school: __('The school', 'kite-privacy') }[a.by] || a.by;
      return h(wp.element.Fragment, null,
        h(InspectorControls, null, h(PanelBody, { title: __('Who can see what', 'kite-privacy') },
          h(SelectControl, {
            label: __('Who can see it', 'kite-privacy'), value: a.by, onChange: (by) => set({ by }),
            options: [
              { label: __('A teacher', 'kite-privacy'), value: 'teacher' },
              { label: __('A parent or carer', 'kite-privacy'), value: 'parent' },
              { label: __('The school (safeguarding, IT)', 'kite-privacy'), value: 'school' },
            ],
          }),
          h(TextControl, { label: __('What they can see (English)', 'kite-privacy'), help: __('For example: work and messages', 'kite-privacy'), value: a.what, onChange: (what) => set({ what }) }),
          h(TextControl, { label: __('What they can see (Welsh)', 'kite-privacy'), help: __("For example: gwaith a'ch negeseuon", 'kite-privacy'), value: a.whatCy, onChange: (whatCy) => set({ whatCy }) }))),
        preview(props, __('Who can see this', 'kite-privacy'), `${who} ${__('can see', 'kite-privacy')} ${a.what || __('what you do here', 'kite-privacy')}.`));
    },
    save: () => null,
  });
}(window.wp));
