import { runStoreConformance } from '../conformance/suite.ts';
import { openMemoryStore } from './index.ts';

runStoreConformance('memory', () => openMemoryStore());
