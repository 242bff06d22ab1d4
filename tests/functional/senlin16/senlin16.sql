-- A Senlin 16.0.0 database made by the Senlin anchor through its REST API;
-- recorded by tests/functional/senlin16/record.py (see there).
/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
DROP TABLE IF EXISTS `action`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `action` (
  `id` varchar(36) NOT NULL,
  `name` varchar(63) DEFAULT NULL,
  `context` longtext DEFAULT NULL,
  `target` varchar(36) DEFAULT NULL,
  `action` text DEFAULT NULL,
  `cause` varchar(255) DEFAULT NULL,
  `owner` varchar(36) DEFAULT NULL,
  `interval` int(11) DEFAULT NULL,
  `start_time` decimal(18,6) DEFAULT NULL,
  `end_time` decimal(18,6) DEFAULT NULL,
  `timeout` int(11) DEFAULT NULL,
  `control` varchar(255) DEFAULT NULL,
  `status` varchar(255) DEFAULT NULL,
  `status_reason` text DEFAULT NULL,
  `inputs` longtext DEFAULT NULL,
  `outputs` longtext DEFAULT NULL,
  `depends_on` longtext DEFAULT NULL,
  `depended_by` longtext DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `data` longtext DEFAULT NULL,
  `user` varchar(64) DEFAULT NULL,
  `project` varchar(64) DEFAULT NULL,
  `domain` varchar(64) DEFAULT NULL,
  `cluster_id` varchar(36) DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `alembic_version`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `alembic_version` (
  `version_num` varchar(32) NOT NULL,
  PRIMARY KEY (`version_num`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `cluster`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `cluster` (
  `id` varchar(36) NOT NULL,
  `name` varchar(255) NOT NULL,
  `profile_id` varchar(36) NOT NULL,
  `user` varchar(64) NOT NULL,
  `project` varchar(64) NOT NULL,
  `domain` varchar(64) DEFAULT NULL,
  `parent` varchar(36) DEFAULT NULL,
  `init_at` datetime DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `min_size` int(11) DEFAULT NULL,
  `max_size` int(11) DEFAULT NULL,
  `desired_capacity` int(11) DEFAULT NULL,
  `next_index` int(11) DEFAULT NULL,
  `timeout` int(11) DEFAULT NULL,
  `status` varchar(255) DEFAULT NULL,
  `status_reason` text DEFAULT NULL,
  `meta_data` longtext DEFAULT NULL,
  `data` longtext DEFAULT NULL,
  `dependents` longtext DEFAULT NULL,
  `config` longtext DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `profile_id` (`profile_id`),
  CONSTRAINT `cluster_ibfk_1` FOREIGN KEY (`profile_id`) REFERENCES `profile` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `cluster_lock`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `cluster_lock` (
  `cluster_id` varchar(36) NOT NULL,
  `action_ids` longtext DEFAULT NULL,
  `semaphore` int(11) DEFAULT NULL,
  PRIMARY KEY (`cluster_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `cluster_policy`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `cluster_policy` (
  `id` varchar(36) NOT NULL,
  `cluster_id` varchar(36) NOT NULL,
  `policy_id` varchar(36) NOT NULL,
  `cooldown` int(11) DEFAULT NULL,
  `priority` int(11) DEFAULT NULL,
  `level` int(11) DEFAULT NULL,
  `enabled` tinyint(1) DEFAULT NULL,
  `data` longtext DEFAULT NULL,
  `last_op` datetime DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `cluster_id` (`cluster_id`),
  KEY `policy_id` (`policy_id`),
  CONSTRAINT `cluster_policy_ibfk_1` FOREIGN KEY (`cluster_id`) REFERENCES `cluster` (`id`),
  CONSTRAINT `cluster_policy_ibfk_2` FOREIGN KEY (`policy_id`) REFERENCES `policy` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `credential`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `credential` (
  `user` varchar(64) NOT NULL,
  `project` varchar(64) NOT NULL,
  `cred` longtext NOT NULL,
  `data` longtext DEFAULT NULL,
  PRIMARY KEY (`user`,`project`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `dependency`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `dependency` (
  `id` varchar(36) NOT NULL,
  `depended` varchar(36) NOT NULL,
  `dependent` varchar(36) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `depended` (`depended`),
  KEY `dependent` (`dependent`),
  CONSTRAINT `dependency_ibfk_1` FOREIGN KEY (`depended`) REFERENCES `action` (`id`),
  CONSTRAINT `dependency_ibfk_2` FOREIGN KEY (`dependent`) REFERENCES `action` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `event`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `event` (
  `id` varchar(36) NOT NULL,
  `timestamp` datetime NOT NULL,
  `oid` varchar(36) DEFAULT NULL,
  `oname` varchar(255) DEFAULT NULL,
  `otype` varchar(36) DEFAULT NULL,
  `cluster_id` varchar(36) DEFAULT NULL,
  `level` varchar(63) DEFAULT NULL,
  `user` varchar(64) DEFAULT NULL,
  `project` varchar(64) DEFAULT NULL,
  `action` varchar(36) DEFAULT NULL,
  `status` varchar(255) DEFAULT NULL,
  `status_reason` text DEFAULT NULL,
  `meta_data` longtext DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `health_registry`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `health_registry` (
  `id` varchar(36) NOT NULL,
  `cluster_id` varchar(36) NOT NULL,
  `check_type` varchar(255) DEFAULT NULL,
  `interval` int(11) DEFAULT NULL,
  `params` longtext DEFAULT NULL,
  `engine_id` varchar(36) DEFAULT NULL,
  `enabled` tinyint(1) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `cluster_id` (`cluster_id`),
  CONSTRAINT `health_registry_ibfk_1` FOREIGN KEY (`cluster_id`) REFERENCES `cluster` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `node`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `node` (
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `physical_id` varchar(36) DEFAULT NULL,
  `cluster_id` varchar(36) DEFAULT NULL,
  `profile_id` varchar(36) NOT NULL,
  `user` varchar(64) DEFAULT NULL,
  `project` varchar(64) DEFAULT NULL,
  `domain` varchar(64) DEFAULT NULL,
  `index` int(11) DEFAULT NULL,
  `role` varchar(64) DEFAULT NULL,
  `init_at` datetime DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `status` varchar(255) DEFAULT NULL,
  `status_reason` text DEFAULT NULL,
  `meta_data` longtext DEFAULT NULL,
  `data` longtext DEFAULT NULL,
  `dependents` longtext DEFAULT NULL,
  `tainted` tinyint(1) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `profile_id` (`profile_id`),
  CONSTRAINT `node_ibfk_1` FOREIGN KEY (`profile_id`) REFERENCES `profile` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `node_lock`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `node_lock` (
  `node_id` varchar(36) NOT NULL,
  `action_id` varchar(36) DEFAULT NULL,
  PRIMARY KEY (`node_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `policy`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `policy` (
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `type` varchar(255) DEFAULT NULL,
  `user` varchar(64) NOT NULL,
  `project` varchar(64) NOT NULL,
  `domain` varchar(64) DEFAULT NULL,
  `cooldown` int(11) DEFAULT NULL,
  `level` int(11) DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `spec` longtext DEFAULT NULL,
  `data` longtext DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `profile`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `profile` (
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `type` varchar(255) DEFAULT NULL,
  `context` longtext DEFAULT NULL,
  `spec` longtext DEFAULT NULL,
  `user` varchar(64) NOT NULL,
  `project` varchar(64) NOT NULL,
  `domain` varchar(64) DEFAULT NULL,
  `permission` varchar(32) DEFAULT NULL,
  `meta_data` longtext DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `receiver`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `receiver` (
  `id` varchar(36) NOT NULL,
  `name` varchar(255) DEFAULT NULL,
  `type` varchar(255) DEFAULT NULL,
  `user` varchar(64) DEFAULT NULL,
  `project` varchar(64) DEFAULT NULL,
  `domain` varchar(64) DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  `cluster_id` varchar(36) DEFAULT NULL,
  `actor` longtext DEFAULT NULL,
  `action` text DEFAULT NULL,
  `params` longtext DEFAULT NULL,
  `channel` longtext DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;
DROP TABLE IF EXISTS `service`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE `service` (
  `id` varchar(36) NOT NULL,
  `host` varchar(255) DEFAULT NULL,
  `binary` varchar(255) DEFAULT NULL,
  `topic` varchar(255) DEFAULT NULL,
  `disabled` tinyint(1) DEFAULT NULL,
  `disabled_reason` varchar(255) DEFAULT NULL,
  `created_at` datetime DEFAULT NULL,
  `updated_at` datetime DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `alembic_version` DISABLE KEYS */;
INSERT INTO `alembic_version` VALUES ('004f8202c264');
/*!40000 ALTER TABLE `alembic_version` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `profile` DISABLE KEYS */;
INSERT INTO `profile` VALUES ('3851f2b4-41e7-42d1-823d-fd45dedd6fac','stack','os.heat.stack-1.0','{\"auth_url\": \"http://127.0.0.1:5000/v3\", \"username\": \"senlin\", \"password\": \"senlin\", \"user_domain_name\": \"Default\", \"verify\": true, \"interface\": \"public\"}','{\"type\": \"os.heat.stack\", \"version\": \"1.0\", \"properties\": {\"template\": {\"heat_template_version\": \"2016-04-08\", \"resources\": {\"random\": {\"type\": \"OS::Heat::RandomString\"}}}, \"parameters\": {}, \"timeout\": 60}}','senlin16-user-b','senlin16-b',NULL,NULL,'{}','2026-12-06 15:27:20',NULL);
INSERT INTO `profile` VALUES ('3fd0bde8-270e-463a-895f-4c0bcfe0a616','web-server','os.nova.server-1.0','{\"auth_url\": \"http://127.0.0.1:5000/v3\", \"username\": \"senlin\", \"password\": \"senlin\", \"user_domain_name\": \"Default\", \"verify\": true, \"interface\": \"public\"}','{\"type\": \"os.nova.server\", \"version\": \"1.0\", \"properties\": {\"flavor\": \"m1.tiny\", \"image\": \"155d900f-4e14-4e4c-a73d-069cbf4541e6\", \"name\": \"web\", \"networks\": [], \"metadata\": {\"tier\": \"web\"}}}','senlin16-user-a','senlin16-a',NULL,NULL,'{\"owner\": \"ops\"}','2026-12-06 15:26:51',NULL);
INSERT INTO `profile` VALUES ('aa0bee9e-0cd8-42ef-b2a6-f25a4b152344','api-server','os.nova.server-1.0','{\"auth_url\": \"http://127.0.0.1:5000/v3\", \"username\": \"senlin\", \"password\": \"senlin\", \"user_domain_name\": \"Default\", \"verify\": true, \"interface\": \"public\"}','{\"type\": \"os.nova.server\", \"version\": \"1.0\", \"properties\": {\"flavor\": \"m1.tiny\", \"image\": \"155d900f-4e14-4e4c-a73d-069cbf4541e6\", \"name\": \"web\", \"networks\": [], \"metadata\": {\"tier\": \"web\"}}}','senlin16-user-b','senlin16-b',NULL,NULL,'{}','2026-12-06 15:27:25',NULL);
INSERT INTO `profile` VALUES ('f9ab6333-f2ba-43b2-b1c4-4bde0cf37d18','slow-server','os.nova.server-1.0','{\"auth_url\": \"http://127.0.0.1:5000/v3\", \"username\": \"senlin\", \"password\": \"senlin\", \"user_domain_name\": \"Default\", \"verify\": true, \"interface\": \"public\"}','{\"type\": \"os.nova.server\", \"version\": \"1.0\", \"properties\": {\"flavor\": \"m1.tiny\", \"image\": \"155d900f-4e14-4e4c-a73d-069cbf4541e6\", \"name\": \"web\", \"networks\": [], \"metadata\": {\"tier\": \"web\", \"simulated_wait_time\": 60}}}','senlin16-user-c','senlin16-c',NULL,NULL,'{}','2026-12-06 15:27:44',NULL);
/*!40000 ALTER TABLE `profile` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `policy` DISABLE KEYS */;
INSERT INTO `policy` VALUES ('11e60a48-7703-4385-8a4b-e88e4d6e52cd','lb','senlin.policy.loadbalance-1.1','senlin16-user-b','senlin16-b',NULL,NULL,NULL,'2026-12-06 15:27:34',NULL,'{\"type\": \"senlin.policy.loadbalance\", \"version\": \"1.1\", \"properties\": {\"pool\": {\"protocol\": \"HTTP\", \"protocol_port\": 80, \"subnet\": \"private-subnet\"}, \"vip\": {\"subnet\": \"public-subnet\", \"protocol\": \"HTTP\", \"protocol_port\": 80}}}','{}');
INSERT INTO `policy` VALUES ('46064432-1965-46f5-b043-36f5d6e9b3f4','scale-in','senlin.policy.scaling-1.0','senlin16-user-a','senlin16-a',NULL,NULL,NULL,'2026-12-06 15:26:59',NULL,'{\"type\": \"senlin.policy.scaling\", \"version\": \"1.0\", \"properties\": {\"event\": \"CLUSTER_SCALE_IN\", \"adjustment\": {\"type\": \"CHANGE_IN_CAPACITY\", \"number\": 1, \"cooldown\": 0}}}','{}');
INSERT INTO `policy` VALUES ('c3efa428-21ee-495f-8b7c-350ee84179eb','oldest-first','senlin.policy.deletion-1.1','senlin16-user-a','senlin16-a',NULL,NULL,NULL,'2026-12-06 15:27:00',NULL,'{\"type\": \"senlin.policy.deletion\", \"version\": \"1.1\", \"properties\": {\"criteria\": \"OLDEST_FIRST\", \"destroy_after_deletion\": true, \"reduce_desired_capacity\": true}}','{}');
INSERT INTO `policy` VALUES ('ca7465b9-8432-485e-9a43-7b09a54ba061','scale-out','senlin.policy.scaling-1.0','senlin16-user-a','senlin16-a',NULL,NULL,NULL,'2026-12-06 15:26:57',NULL,'{\"type\": \"senlin.policy.scaling\", \"version\": \"1.0\", \"properties\": {\"event\": \"CLUSTER_SCALE_OUT\", \"adjustment\": {\"type\": \"CHANGE_IN_CAPACITY\", \"number\": 1, \"cooldown\": 0}}}','{}');
INSERT INTO `policy` VALUES ('cbc9fd4e-422e-487b-9874-c9e7c5c117dd','health','senlin.policy.health-1.1','senlin16-user-a','senlin16-a',NULL,NULL,NULL,'2026-12-06 15:27:03',NULL,'{\"type\": \"senlin.policy.health\", \"version\": \"1.1\", \"properties\": {\"detection\": {\"interval\": 600, \"detection_modes\": [{\"type\": \"NODE_STATUS_POLLING\"}]}, \"recovery\": {\"actions\": [{\"name\": \"RECREATE\"}], \"fencing\": [\"COMPUTE\"]}}}','{}');
/*!40000 ALTER TABLE `policy` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `cluster` DISABLE KEYS */;
INSERT INTO `cluster` VALUES ('5bf97a85-ebca-4245-a7f4-bc59d5016bad','slow','f9ab6333-f2ba-43b2-b1c4-4bde0cf37d18','senlin16-user-c','senlin16-c',NULL,NULL,'2026-12-06 15:27:44',NULL,NULL,0,-1,1,1,3600,'INIT','Initializing','{}','{}','{}','{}');
INSERT INTO `cluster` VALUES ('7b72dbe5-6d47-4547-9c18-a0731f980d17','web','3fd0bde8-270e-463a-895f-4c0bcfe0a616','senlin16-user-a','senlin16-a',NULL,NULL,'2026-12-06 15:26:51','2026-12-06 15:26:56','2026-12-06 15:27:19',1,6,3,5,1200,'ACTIVE','CLUSTER_DEL_NODES: number of active nodes is equal or above desired_capacity (3).','{\"app\": \"shop\"}','{}','{}','{\"node.name.format\": \"web-$3I\"}');
INSERT INTO `cluster` VALUES ('a0736c3c-c917-4b0d-b97c-fe0c30f303af','api','aa0bee9e-0cd8-42ef-b2a6-f25a4b152344','senlin16-user-b','senlin16-b',NULL,NULL,'2026-12-06 15:27:26','2026-12-06 15:27:33','2026-12-06 15:27:37',0,3,1,2,3600,'ACTIVE','CLUSTER_CREATE: number of active nodes is equal or above desired_capacity (1).','{}','{\"loadbalancers\": {\"11e60a48-7703-4385-8a4b-e88e4d6e52cd\": {\"vip_address\": \"192.168.1.100\"}}}','{}','{}');
INSERT INTO `cluster` VALUES ('af1acb55-8de8-4ceb-b152-d64850f19866','stacks','3851f2b4-41e7-42d1-823d-fd45dedd6fac','senlin16-user-b','senlin16-b',NULL,NULL,'2026-12-06 15:27:20','2026-12-06 15:27:24','2026-12-06 15:27:24',0,-1,1,2,3600,'ACTIVE','CLUSTER_CREATE: number of active nodes is equal or above desired_capacity (1).','{}','{}','{}','{}');
/*!40000 ALTER TABLE `cluster` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `node` DISABLE KEYS */;
INSERT INTO `node` VALUES ('18d7cd85-e6a0-469d-8883-81a02105bc39','web-004','e1283411-8722-4e73-b3df-4a1eed1d2ea1','7b72dbe5-6d47-4547-9c18-a0731f980d17','3fd0bde8-270e-463a-895f-4c0bcfe0a616','senlin16-user-a','senlin16-a',NULL,4,'','2026-12-06 15:27:11','2026-12-06 15:27:11','2026-12-06 15:27:11','ACTIVE','Creation succeeded','{}','{\"placement\": {\"zone\": \"ZONE1\"}}','{}',0);
INSERT INTO `node` VALUES ('26a17be4-0d4e-4748-9573-cb3d70fdd299','web-002','d3ab556a-e2f1-4d45-b1f9-b12ead191d83','7b72dbe5-6d47-4547-9c18-a0731f980d17','3fd0bde8-270e-463a-895f-4c0bcfe0a616','senlin16-user-a','senlin16-a',NULL,2,'','2026-12-06 15:26:53','2026-12-06 15:26:54','2026-12-06 15:26:54','ACTIVE','Creation succeeded','{}','{\"placement\": {\"zone\": \"ZONE1\"}}','{}',0);
INSERT INTO `node` VALUES ('55352dda-9ba3-46b4-9e89-07959a673ebb','node-oanAPHfM','e56bf78d-b0dd-462b-8c4b-05811f7c0359','a0736c3c-c917-4b0d-b97c-fe0c30f303af','aa0bee9e-0cd8-42ef-b2a6-f25a4b152344','senlin16-user-b','senlin16-b',NULL,1,'','2026-12-06 15:27:29','2026-12-06 15:27:30','2026-12-06 15:27:30','ACTIVE','Creation succeeded','{}','{\"placement\": {\"zone\": \"ZONE1\"}, \"lb_member\": \"9a7aff27-fd41-4ec1-ba4c-3eb92c629313\"}','{}',0);
INSERT INTO `node` VALUES ('6055a6f7-843f-4e42-8933-4143b91f1d02','node-O4Y9hUdb','3095aefc-09fb-4bc7-b1f0-f21a304e864c','af1acb55-8de8-4ceb-b152-d64850f19866','3851f2b4-41e7-42d1-823d-fd45dedd6fac','senlin16-user-b','senlin16-b',NULL,1,'','2026-12-06 15:27:21','2026-12-06 15:27:21','2026-12-06 15:27:21','ACTIVE','Creation succeeded','{}','{}','{}',0);
INSERT INTO `node` VALUES ('c79c8c33-a53a-436f-b86d-c8c1cc606889','web-001','57593ef6-7117-4e30-ba0e-f2ed59c0f4f0','','3fd0bde8-270e-463a-895f-4c0bcfe0a616','senlin16-user-a','senlin16-a',NULL,-1,NULL,'2026-12-06 15:26:52','2026-12-06 15:26:54','2026-12-06 15:27:16','ACTIVE','Creation succeeded','{}','{\"placement\": {\"zone\": \"ZONE1\"}}','{}',0);
INSERT INTO `node` VALUES ('d5ef7fd9-a7d8-4b43-bbfe-240318a7699f','spare','a3d2d573-b8c5-4992-8557-c22c088ae73c','','3fd0bde8-270e-463a-895f-4c0bcfe0a616','senlin16-user-a','senlin16-a',NULL,-1,'standby','2026-12-06 15:27:09','2026-12-06 15:27:09','2026-12-06 15:27:09','ACTIVE','Creation succeeded','{}','{\"placement\": {\"zone\": \"ZONE1\"}}','{}',NULL);
INSERT INTO `node` VALUES ('fe5075b5-2594-4fe8-a918-12cdbcafa351','web-003','1999d8e9-b725-44fa-8a33-15de608165ca','7b72dbe5-6d47-4547-9c18-a0731f980d17','3fd0bde8-270e-463a-895f-4c0bcfe0a616','senlin16-user-a','senlin16-a',NULL,3,'database','2026-12-06 15:27:07','2026-12-06 15:27:09','2026-12-06 15:27:09','ACTIVE','Creation succeeded','{\"backup\": \"daily\"}','{\"placement\": {\"zone\": \"ZONE1\"}}','{}',NULL);
/*!40000 ALTER TABLE `node` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `receiver` DISABLE KEYS */;
INSERT INTO `receiver` VALUES ('10d7ff84-d09f-410a-84ae-8a17507494ff','grow','webhook','senlin16-user-a','senlin16-a',NULL,'2026-12-06 15:27:06',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17','{\"trust_id\": \"trust-senlin16-user-a-senlin16-a\"}','CLUSTER_SCALE_OUT','{}','{\"alarm_url\": \"http://127.0.0.1:8778/v1/webhooks/10d7ff84-d09f-410a-84ae-8a17507494ff/trigger?V=2\"}');
INSERT INTO `receiver` VALUES ('622955f3-bfe7-430f-b130-fe01f97b9cc6','shrink','webhook','senlin16-user-a','senlin16-a',NULL,'2026-12-06 15:27:07',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17','{\"trust_id\": \"trust-senlin16-user-a-senlin16-a\"}','CLUSTER_SCALE_IN','{\"count\": \"1\"}','{\"alarm_url\": \"http://127.0.0.1:8778/v1/webhooks/622955f3-bfe7-430f-b130-fe01f97b9cc6/trigger?V=2&count=1\"}');
INSERT INTO `receiver` VALUES ('a1f03429-bdc8-4bca-acf1-32ce242850d8','api-grow','webhook','senlin16-user-b','senlin16-b',NULL,'2026-12-06 15:27:39',NULL,'a0736c3c-c917-4b0d-b97c-fe0c30f303af','{\"trust_id\": \"trust-senlin16-user-b-senlin16-b\"}','CLUSTER_SCALE_OUT','{}','{\"alarm_url\": \"http://127.0.0.1:8778/v1/webhooks/a1f03429-bdc8-4bca-acf1-32ce242850d8/trigger?V=2\"}');
/*!40000 ALTER TABLE `receiver` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `credential` DISABLE KEYS */;
INSERT INTO `credential` VALUES ('senlin16-user-a','senlin16-a','{\"openstack\": {\"trust\": \"trust-senlin16-user-a-senlin16-a\"}}','null');
INSERT INTO `credential` VALUES ('senlin16-user-b','senlin16-b','{\"openstack\": {\"trust\": \"trust-senlin16-user-b-senlin16-b\"}}','null');
INSERT INTO `credential` VALUES ('senlin16-user-c','senlin16-c','{\"openstack\": {\"trust\": \"trust-senlin16-user-c-senlin16-c\"}}','null');
/*!40000 ALTER TABLE `credential` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `action` DISABLE KEYS */;
INSERT INTO `action` VALUES ('03cb5016-39b5-47a5-844f-92ee968d8392','node_create_6055a6f7','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-59a5a3fc-c93f-4cb6-9a16-5e3fbcf46daf\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','6055a6f7-843f-4e42-8933-4143b91f1d02','NODE_CREATE','Derived Action',NULL,-1,1796570841.566152,1796570842.198839,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:27:21',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'af1acb55-8de8-4ceb-b152-d64850f19866');
INSERT INTO `action` VALUES ('154fc06e-a676-4b43-98ff-0ba806ad0b6c','cluster_del_nodes_7b72dbe5','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-cfb8f66f-06b8-4dd4-9296-9ff9cf23b346\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','7b72dbe5-6d47-4547-9c18-a0731f980d17','CLUSTER_DEL_NODES','RPC Request',NULL,-1,1796570835.241251,1796570840.240807,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"candidates\": [\"c79c8c33-a53a-436f-b86d-c8c1cc606889\"], \"count\": 1, \"destroy_after_deletion\": false}','{}',NULL,NULL,'2026-12-06 15:27:15',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17');
INSERT INTO `action` VALUES ('1766f5bf-207a-48e5-96d7-1b55535cae0b','cluster_create_a0736c3c','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-f02b8bb4-80fa-401c-b578-ba661847b52d\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','a0736c3c-c917-4b0d-b97c-fe0c30f303af','CLUSTER_CREATE','RPC Request',NULL,-1,1796570846.829899,1796570853.786721,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:27:26',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'a0736c3c-c917-4b0d-b97c-fe0c30f303af');
INSERT INTO `action` VALUES ('1c308a07-6a73-4c54-9882-e89cb3703ca9','node_create_26a17be4','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-8e3664f4-3017-4b2f-be16-ca52bc4573ee\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','26a17be4-0d4e-4748-9573-cb3d70fdd299','NODE_CREATE','Derived Action',NULL,-1,1796570813.621568,1796570815.048923,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:26:53',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17');
INSERT INTO `action` VALUES ('2afa2089-e7f0-450d-9e2d-932f409bc294','attach_policy_7b72dbe5','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-6e3a2cc5-c60d-44dd-8058-d69458419942\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','7b72dbe5-6d47-4547-9c18-a0731f980d17','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796570817.918027,1796570818.887924,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"ca7465b9-8432-485e-9a43-7b09a54ba061\", \"enabled\": true}','{}',NULL,NULL,'2026-12-06 15:26:57',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17');
INSERT INTO `action` VALUES ('4ae585bb-5d91-4e69-a906-29d2894932b0','node_create_18d7cd85','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-986afc91-ec48-4dab-86f6-60400c1eb6a1\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','18d7cd85-e6a0-469d-8883-81a02105bc39','NODE_CREATE','Derived Action',NULL,-1,1796570831.267828,1796570831.594176,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:27:11',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17');
INSERT INTO `action` VALUES ('5ea6d508-7dd0-4e88-b53c-6051e9db2e88','node_create_fe5075b5','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-0a1e0955-ffb4-4f53-b838-7b2fd00d0688\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','fe5075b5-2594-4fe8-a918-12cdbcafa351','NODE_CREATE','RPC Request',NULL,-1,1796570828.178290,1796570829.457566,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:27:08',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17');
INSERT INTO `action` VALUES ('5fbccc8c-1b46-44c6-99aa-6f371510f2ad','node_create_55352dda','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-f02b8bb4-80fa-401c-b578-ba661847b52d\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','55352dda-9ba3-46b4-9e89-07959a673ebb','NODE_CREATE','Derived Action',NULL,-1,1796570849.849585,1796570850.891936,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:27:29',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'a0736c3c-c917-4b0d-b97c-fe0c30f303af');
INSERT INTO `action` VALUES ('6b82f635-94dd-48e7-8627-48d10981c626','node_create_c79c8c33','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-8e3664f4-3017-4b2f-be16-ca52bc4573ee\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','c79c8c33-a53a-436f-b86d-c8c1cc606889','NODE_CREATE','Derived Action',NULL,-1,1796570813.792007,1796570815.107371,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:26:53',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17');
INSERT INTO `action` VALUES ('73384740-9ab2-482c-8292-3c16d679557f','cluster_create_5bf97a85','{\"user\": \"senlin16-user-c\", \"project_id\": \"senlin16-c\", \"system_scope\": null, \"project\": \"senlin16-c\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-54d1d89a-bc5c-4bb6-ab1a-69a1b44252b1\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-c senlin16-c - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-c\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-c-senlin16-c\", \"region_name\": null, \"password\": null, \"api_version\": null}','5bf97a85-ebca-4245-a7f4-bc59d5016bad','CLUSTER_CREATE','RPC Request','849eed91-b296-4f68-9afc-28ad9a4e8638',-1,1796570865.256737,NULL,3600,NULL,'RUNNING','The action is being processed.','{}','{}',NULL,NULL,'2026-12-06 15:27:45',NULL,'{}','senlin16-user-c','senlin16-c',NULL,'5bf97a85-ebca-4245-a7f4-bc59d5016bad');
INSERT INTO `action` VALUES ('76558cd2-f65c-4908-a47d-82b4a28f18e2','attach_policy_7b72dbe5','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-ba7ed6c1-af57-43e4-8380-c4495d122193\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','7b72dbe5-6d47-4547-9c18-a0731f980d17','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796570819.440882,1796570820.387871,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"46064432-1965-46f5-b043-36f5d6e9b3f4\", \"enabled\": true}','{}',NULL,NULL,'2026-12-06 15:26:59',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17');
INSERT INTO `action` VALUES ('88e6cc66-aabe-479f-9795-eaf51f03adb1','attach_policy_a0736c3c','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-a12fac53-b022-4f2a-8d06-9a68c1c136b9\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','a0736c3c-c917-4b0d-b97c-fe0c30f303af','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796570856.027532,1796570858.183985,3600,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"11e60a48-7703-4385-8a4b-e88e4d6e52cd\", \"enabled\": true}','{}',NULL,NULL,'2026-12-06 15:27:35',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'a0736c3c-c917-4b0d-b97c-fe0c30f303af');
INSERT INTO `action` VALUES ('b8bee45a-87e2-4557-b2b3-8dc6dfb0dc16','cluster_create_7b72dbe5','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-8e3664f4-3017-4b2f-be16-ca52bc4573ee\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','7b72dbe5-6d47-4547-9c18-a0731f980d17','CLUSTER_CREATE','RPC Request',NULL,-1,1796570812.184775,1796570817.049782,1200,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:26:52',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17');
INSERT INTO `action` VALUES ('befa2c6c-8a0f-43db-ac9d-1975ae293dc4','attach_policy_7b72dbe5','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-0ccc579b-20be-411c-969c-e1a76770537d\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','7b72dbe5-6d47-4547-9c18-a0731f980d17','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796570821.126381,1796570822.788076,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"c3efa428-21ee-495f-8b7c-350ee84179eb\", \"enabled\": false}','{}',NULL,NULL,'2026-12-06 15:27:01',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17');
INSERT INTO `action` VALUES ('bfbb976f-90c6-4dbd-a4bc-efe021b839f4','webhook_10d7ff84','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-986afc91-ec48-4dab-86f6-60400c1eb6a1\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','7b72dbe5-6d47-4547-9c18-a0731f980d17','CLUSTER_SCALE_OUT','RPC Request',NULL,-1,1796570830.429224,1796570834.777869,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"alarm_id\": \"cpu-high\", \"current\": \"alarm\", \"last_op\": null}','{}',NULL,NULL,'2026-12-06 15:27:10','2026-12-06 15:27:11','{\"status\": \"OK\", \"reason\": \"Scaling request validated.\", \"creation\": {\"count\": 1}}','senlin16-user-a','senlin16-a',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17');
INSERT INTO `action` VALUES ('c37b61c2-b968-43a4-b7af-dc8d971aef24','node_create_d5ef7fd9','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-fa27469e-5d35-42f5-9878-956ca81522fa\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','d5ef7fd9-a7d8-4b43-bbfe-240318a7699f','NODE_CREATE','RPC Request',NULL,-1,1796570829.721157,1796570829.826170,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:27:09',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'');
INSERT INTO `action` VALUES ('cf7fda28-b99c-4e6d-83e5-9902d1abeae7','node_delete_c79c8c33','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-cfb8f66f-06b8-4dd4-9296-9ff9cf23b346\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','c79c8c33-a53a-436f-b86d-c8c1cc606889','NODE_LEAVE','Derived Action',NULL,-1,1796570836.663938,1796570836.722969,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:27:16',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17');
INSERT INTO `action` VALUES ('edbb881d-d672-4119-9319-733b6a43e38a','cluster_create_af1acb55','{\"user\": \"senlin16-user-b\", \"project_id\": \"senlin16-b\", \"system_scope\": null, \"project\": \"senlin16-b\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-59a5a3fc-c93f-4cb6-9a16-5e3fbcf46daf\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-b senlin16-b - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-b\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-b-senlin16-b\", \"region_name\": null, \"password\": null, \"api_version\": null}','af1acb55-8de8-4ceb-b152-d64850f19866','CLUSTER_CREATE','RPC Request',NULL,-1,1796570840.849822,1796570845.061137,3600,NULL,'SUCCEEDED','Action completed successfully.','{}','{}',NULL,NULL,'2026-12-06 15:27:20',NULL,'{}','senlin16-user-b','senlin16-b',NULL,'af1acb55-8de8-4ceb-b152-d64850f19866');
INSERT INTO `action` VALUES ('fc323f75-10f5-4547-a338-21d77cf5ee1c','attach_policy_7b72dbe5','{\"user\": \"senlin16-user-a\", \"project_id\": \"senlin16-a\", \"system_scope\": null, \"project\": \"senlin16-a\", \"domain\": null, \"user_domain\": null, \"project_domain\": null, \"is_admin\": false, \"read_only\": false, \"show_deleted\": false, \"auth_token\": null, \"request_id\": \"req-17120cc6-cd50-41da-9cda-6d5578e2fdd8\", \"global_request_id\": null, \"resource_uuid\": null, \"roles\": [], \"user_identity\": \"senlin16-user-a senlin16-a - - -\", \"is_admin_project\": true, \"auth_url\": null, \"auth_token_info\": null, \"user_id\": \"senlin16-user-a\", \"user_name\": null, \"user_domain_name\": null, \"project_name\": null, \"project_domain_name\": null, \"domain_id\": null, \"domain_name\": null, \"trusts\": \"trust-senlin16-user-a-senlin16-a\", \"region_name\": null, \"password\": null, \"api_version\": null}','7b72dbe5-6d47-4547-9c18-a0731f980d17','CLUSTER_ATTACH_POLICY','RPC Request',NULL,-1,1796570823.785719,1796570826.569536,1200,NULL,'SUCCEEDED','Action completed successfully.','{\"policy_id\": \"cbc9fd4e-422e-487b-9874-c9e7c5c117dd\", \"enabled\": true}','{}',NULL,NULL,'2026-12-06 15:27:03',NULL,'{}','senlin16-user-a','senlin16-a',NULL,'7b72dbe5-6d47-4547-9c18-a0731f980d17');
/*!40000 ALTER TABLE `action` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `event` DISABLE KEYS */;
INSERT INTO `event` VALUES ('1542e1da-16ed-44f5-a4b2-424308c44639','2026-12-06 15:27:20','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_DEL_NODES','end','Completed deleting nodes.','{}');
INSERT INTO `event` VALUES ('37e84884-c60c-43e2-bb39-d2e2d181ca7c','2026-12-06 15:27:36','a0736c3c-c917-4b0d-b97c-fe0c30f303af','api','CLUSTER','a0736c3c-c917-4b0d-b97c-fe0c30f303af','20','senlin16-user-b','senlin16-b','CLUSTER_ATTACH_POLICY','start','88e6cc66','{}');
INSERT INTO `event` VALUES ('4202ad2b-40a5-42b1-bb6d-a65a72543265','2026-12-06 15:26:58','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('4ae4b69c-c32c-480a-b336-d49e4760b667','2026-12-06 15:27:01','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','start','befa2c6c','{}');
INSERT INTO `event` VALUES ('4df2a627-328f-4a34-bc20-7f2a46f3f614','2026-12-06 15:27:00','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('4f9e70b1-d0a6-44e0-a5d5-956a5c4198c3','2026-12-06 15:26:58','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','start','2afa2089','{}');
INSERT INTO `event` VALUES ('610bbdb0-1139-43a6-8e64-ce7221a1fd3a','2026-12-06 15:27:08','fe5075b5-2594-4fe8-a918-12cdbcafa351','web-003','NODE','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','NODE_CREATE','start','5ea6d508','{}');
INSERT INTO `event` VALUES ('70713fb9-7716-4f5a-8764-bf1cd8fbf0c2','2026-12-06 15:27:14','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_SCALE_OUT','end','Cluster scaling succeeded.','{}');
INSERT INTO `event` VALUES ('74e9427b-0bb0-4bb5-8e8e-5f6a143b5e5b','2026-12-06 15:27:09','d5ef7fd9-a7d8-4b43-bbfe-240318a7699f','spare','NODE','','20','senlin16-user-a','senlin16-a','NODE_CREATE','end','Node created successfully.','{}');
INSERT INTO `event` VALUES ('7bbcc63d-fb73-4449-80bd-4b55bce5e877','2026-12-06 15:27:28','a0736c3c-c917-4b0d-b97c-fe0c30f303af','api','CLUSTER','a0736c3c-c917-4b0d-b97c-fe0c30f303af','20','senlin16-user-b','senlin16-b','CLUSTER_CREATE','start','1766f5bf','{}');
INSERT INTO `event` VALUES ('7d177bc2-7b98-4694-a560-06f89830df23','2026-12-06 15:27:15','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_DEL_NODES','start','154fc06e','{}');
INSERT INTO `event` VALUES ('81024382-b81d-48bc-a67f-cbd9a2f34fff','2026-12-06 15:27:10','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_SCALE_OUT','start','bfbb976f','{}');
INSERT INTO `event` VALUES ('8acb9eb2-8955-4cc6-8cdd-37c741461f3d','2026-12-06 15:27:38','a0736c3c-c917-4b0d-b97c-fe0c30f303af','api','CLUSTER','a0736c3c-c917-4b0d-b97c-fe0c30f303af','20','senlin16-user-b','senlin16-b','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('8b2eecd5-3d8f-49a1-bdf3-373ace0cc0b3','2026-12-06 15:27:06','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('91345d0d-c71e-490f-b979-982a408c6dba','2026-12-06 15:27:21','af1acb55-8de8-4ceb-b152-d64850f19866','stacks','CLUSTER','af1acb55-8de8-4ceb-b152-d64850f19866','20','senlin16-user-b','senlin16-b','CLUSTER_CREATE','start','edbb881d','{}');
INSERT INTO `event` VALUES ('9d05a7b6-9eeb-4918-b990-47cbc9f16623','2026-12-06 15:27:04','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','start','fc323f75','{}');
INSERT INTO `event` VALUES ('a3511e93-ce69-40a8-8ef4-64c5d66e7a83','2026-12-06 15:27:09','fe5075b5-2594-4fe8-a918-12cdbcafa351','web-003','NODE','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','NODE_CREATE','end','Node created successfully.','{}');
INSERT INTO `event` VALUES ('aac73ebc-9e1f-4fee-ab4a-29b1eed7eadd','2026-12-06 15:27:02','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','end','Policy attached.','{}');
INSERT INTO `event` VALUES ('c0598563-6219-494c-8007-ede93d1400c4','2026-12-06 15:26:52','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_CREATE','start','b8bee45a','{}');
INSERT INTO `event` VALUES ('c9acded4-6507-41e5-937f-2333f3c90155','2026-12-06 15:27:33','a0736c3c-c917-4b0d-b97c-fe0c30f303af','api','CLUSTER','a0736c3c-c917-4b0d-b97c-fe0c30f303af','20','senlin16-user-b','senlin16-b','CLUSTER_CREATE','end','Cluster creation succeeded.','{}');
INSERT INTO `event` VALUES ('e197051b-1228-4e65-a0e1-0122abff9452','2026-12-06 15:27:25','af1acb55-8de8-4ceb-b152-d64850f19866','stacks','CLUSTER','af1acb55-8de8-4ceb-b152-d64850f19866','20','senlin16-user-b','senlin16-b','CLUSTER_CREATE','end','Cluster creation succeeded.','{}');
INSERT INTO `event` VALUES ('e33bd284-ac12-4af8-b784-a5168c7a29e7','2026-12-06 15:27:45','5bf97a85-ebca-4245-a7f4-bc59d5016bad','slow','CLUSTER','5bf97a85-ebca-4245-a7f4-bc59d5016bad','20','senlin16-user-c','senlin16-c','CLUSTER_CREATE','start','73384740','{}');
INSERT INTO `event` VALUES ('eef80380-ff76-47bd-8d90-c33d025eaff0','2026-12-06 15:27:09','d5ef7fd9-a7d8-4b43-bbfe-240318a7699f','spare','NODE','','20','senlin16-user-a','senlin16-a','NODE_CREATE','start','c37b61c2','{}');
INSERT INTO `event` VALUES ('f319aaea-14cc-49cf-b1b1-36ae0829dfe1','2026-12-06 15:26:59','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_ATTACH_POLICY','start','76558cd2','{}');
INSERT INTO `event` VALUES ('fb62bb53-2a12-47d3-b0a1-f2f32a518116','2026-12-06 15:26:57','7b72dbe5-6d47-4547-9c18-a0731f980d17','web','CLUSTER','7b72dbe5-6d47-4547-9c18-a0731f980d17','20','senlin16-user-a','senlin16-a','CLUSTER_CREATE','end','Cluster creation succeeded.','{}');
/*!40000 ALTER TABLE `event` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `cluster_policy` DISABLE KEYS */;
INSERT INTO `cluster_policy` VALUES ('7b3148c8-3698-4ad7-883c-74b2efbbfa82','7b72dbe5-6d47-4547-9c18-a0731f980d17','46064432-1965-46f5-b043-36f5d6e9b3f4',NULL,100,NULL,1,'null','2026-12-06 15:27:14');
INSERT INTO `cluster_policy` VALUES ('8925eabd-1ec4-43fc-bd6a-468b9d251cef','7b72dbe5-6d47-4547-9c18-a0731f980d17','cbc9fd4e-422e-487b-9874-c9e7c5c117dd',NULL,600,NULL,1,'{\"HealthPolicy\": {\"version\": \"1.2\", \"data\": {\"interval\": 600, \"node_update_timeout\": 300, \"recovery_conditional\": \"ANY_FAILED\", \"node_delete_timeout\": 20, \"node_force_recreate\": false, \"detection_modes\": [{\"type\": \"NODE_STATUS_POLLING\", \"poll_url\": \"\", \"poll_url_ssl_verify\": true, \"poll_url_conn_error_as_unhealthy\": true, \"poll_url_healthy_response\": \"\", \"poll_url_retry_limit\": \"\", \"poll_url_retry_interval\": \"\"}]}}}',NULL);
INSERT INTO `cluster_policy` VALUES ('8dbdb254-50a5-4693-8f6c-e6817153ed34','7b72dbe5-6d47-4547-9c18-a0731f980d17','c3efa428-21ee-495f-8b7c-350ee84179eb',NULL,400,NULL,0,'null',NULL);
INSERT INTO `cluster_policy` VALUES ('aad8d0d9-3ff0-47fc-b9f0-250887f8440f','a0736c3c-c917-4b0d-b97c-fe0c30f303af','11e60a48-7703-4385-8a4b-e88e4d6e52cd',NULL,500,NULL,1,'{\"LoadBalancingPolicy\": {\"version\": \"1.3\", \"data\": {\"loadbalancer\": \"a36c20d0-18e9-42ce-88fd-82a35977ee8c\", \"listener\": \"35cb8516-1173-4035-8dae-0dae3453f37f\", \"pool\": \"4c0a0a5f-cf8f-44b7-b912-957daa8ce5e5\", \"healthmonitor\": \"0a9ac99d-0a09-4b18-8499-a0796850279a\"}}}',NULL);
INSERT INTO `cluster_policy` VALUES ('ed2ede89-a936-4e2b-8936-77bb607ffb69','7b72dbe5-6d47-4547-9c18-a0731f980d17','ca7465b9-8432-485e-9a43-7b09a54ba061',NULL,100,NULL,1,'null','2026-12-06 15:27:14');
/*!40000 ALTER TABLE `cluster_policy` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `health_registry` DISABLE KEYS */;
INSERT INTO `health_registry` VALUES ('a129c9cc-36be-4666-890d-5eea427e37c3','7b72dbe5-6d47-4547-9c18-a0731f980d17','NODE_STATUS_POLLING',600,'{\"recover_action\": [{\"name\": \"RECREATE\", \"params\": null}], \"node_delete_timeout\": 20, \"node_force_recreate\": false, \"recovery_conditional\": \"ANY_FAILED\", \"detection_modes\": [{\"type\": \"NODE_STATUS_POLLING\", \"poll_url\": \"\", \"poll_url_ssl_verify\": true, \"poll_url_conn_error_as_unhealthy\": true, \"poll_url_healthy_response\": \"\", \"poll_url_retry_limit\": \"\", \"poll_url_retry_interval\": \"\"}], \"node_update_timeout\": 300}','92eba4e1-056d-4d5e-9ddc-62b8c80c43b9',1);
/*!40000 ALTER TABLE `health_registry` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `cluster_lock` DISABLE KEYS */;
INSERT INTO `cluster_lock` VALUES ('5bf97a85-ebca-4245-a7f4-bc59d5016bad','[\"73384740-9ab2-482c-8292-3c16d679557f\"]',-1);
/*!40000 ALTER TABLE `cluster_lock` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `node_lock` DISABLE KEYS */;
/*!40000 ALTER TABLE `node_lock` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;


/*M!999999\- enable the sandbox mode */ 

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!40101 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

/*!40000 ALTER TABLE `dependency` DISABLE KEYS */;
INSERT INTO `dependency` VALUES ('93561e49-c9eb-49a3-8e72-accd8b2aea96','7a7aa707-aa48-4f2b-8641-57684d9de57b','73384740-9ab2-482c-8292-3c16d679557f');
/*!40000 ALTER TABLE `dependency` ENABLE KEYS */;

/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

