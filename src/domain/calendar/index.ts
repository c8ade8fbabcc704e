export * from './working-days'
