// Browser entry: mounts the app into #app.
import { render } from 'preact';
import { App } from './App.js';

performance.mark('app-start');
const root = document.getElementById('app');
if (root) render(<App />, root);
