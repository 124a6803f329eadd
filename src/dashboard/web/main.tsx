// Entry point of the dashboard app (built by Vite into build/dashboard/).
import { render } from 'preact';
import { App } from './app.tsx';
import './styles.css';

render(<App />, document.getElementById('app')!);
