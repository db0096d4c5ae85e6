import { mount } from 'svelte';
import { followBrowserLanguage } from './lib/i18n/ui-locale.svelte.ts';
import App from './App.svelte';
import './app.css';

// Before anything asks for the locale: an unchosen language follows the browser's.
followBrowserLanguage(() => navigator.languages);

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
export default mount(App, { target });
